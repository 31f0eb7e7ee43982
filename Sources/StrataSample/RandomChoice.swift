import StrataMath

/// The few draws the sample needs, in integer arithmetic where possible so the output is the same
/// byte for byte on every machine.
extension SeededRandom {
    /// A uniform integer in `0 ..< n`.
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// `true` with probability `p`.
    mutating func chance(_ p: Double) -> Bool { nextUnit() < p }

    /// A uniform element of `elements` (which must not be empty).
    mutating func pick<T>(_ elements: [T]) -> T { elements[int(elements.count)] }

    /// An index drawn with probability proportional to `weights`.
    mutating func weighted(_ weights: [Double]) -> Int {
        var u = nextUnit() * weights.reduce(0, +)
        for (i, w) in weights.enumerated() {
            if u < w { return i }
            u -= w
        }
        return weights.count - 1
    }

    /// `elements` in a random order (Fisher–Yates).
    mutating func shuffled<T>(_ elements: [T]) -> [T] {
        var a = elements
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, int(i + 1)) }
        return a
    }
}

import Foundation

/// A small, fast, seedable pseudo-random generator (SplitMix64 seeding xoshiro256**).
///
/// Every stochastic step in Strata (k-means++ seeding, sampling, the simulator) takes one of these,
/// so the same seed gives the same result on every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal sample (Box–Muller).
    public mutating func nextGaussian() -> Double {
        var u = nextUnit()
        while u == 0 { u = nextUnit() }
        let v = nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// `count` distinct indices of `0 ..< population` drawn uniformly (a partial Fisher–Yates shuffle),
    /// in the order drawn; all of them, shuffled, when `count ≥ population`.
    public mutating func sample(_ count: Int, of population: Int) -> [Int] {
        let count = min(max(0, count), population)
        var indices = Array(0 ..< population)
        for i in 0 ..< count {
            indices.swapAt(i, i + Int(next() % UInt64(population - i)))
        }
        return Array(indices.prefix(count))
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

extension Matrix {
    /// A seeded random sample of `count` rows in their original order, or the whole matrix when it
    /// has no more rows than that: for fitting or scoring bounded work on a large data set.
    public func sampledRows(_ count: Int, seed: UInt64) -> Matrix {
        guard rows > count else { return self }
        var random = SeededRandom(seed: seed)
        return self.rows(at: random.sample(count, of: rows).sorted())
    }
}

import Foundation
import StrataMath

extension SeededRandom {
    /// A popularity rank in `0 ..< n` drawn Zipf-like (probability about proportional to 1/(rank+1)),
    /// in constant time and memory: the inverse of the continuous law, `(n+1)^u - 1` rounded down.
    mutating func zipfRank(_ n: Int) -> Int {
        let x = exp(nextUnit() * log(Double(n) + 1))
        return min(n - 1, max(0, Int(x) - 1))
    }
}

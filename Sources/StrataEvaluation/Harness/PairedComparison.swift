import Foundation

/// Whether one setting beats another on the same held-out users beyond the noise: the mean of the per-user
/// differences must exceed `standardErrors` standard errors of that mean (the one-standard-error rule
/// applied to paired scores). On a small store most differences between settings are a handful of hits,
/// and chasing them picks noise; on a large one the standard error shrinks and real gains pass.
public enum PairedComparison {
    /// `true` when `challenger` (per-user scores) beats `incumbent` (the same users, in order) by more
    /// than `standardErrors` standard errors of the mean difference.
    public static func beats(_ challenger: [Double], _ incumbent: [Double], standardErrors: Double = 1) -> Bool {
        precondition(challenger.count == incumbent.count, "scores of the same users")
        let n = Double(challenger.count)
        guard n > 1 else { return false }
        let differences = zip(challenger, incumbent).map { $0 - $1 }
        let mean = differences.reduce(0, +) / n
        let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return mean > 1e-12 && mean > standardErrors * (variance / n).squareRoot()
    }

    /// The mean of `scores` (0 when empty).
    static func mean(_ scores: [Double]) -> Double { scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count) }
}

/// Re-orders one user's best-scored candidates into the final slate: for variety (`Diversifier`) or
/// to match the user's mix of interests (`Calibrator`).
public protocol SlateReranker: Sendable {
    /// How many of the best-scored candidates are re-ranked.
    var poolSize: Int { get }
    /// The best `k` of `pool` (catalog columns, best first by score) for `user`, in the reranker's
    /// order; each item keeps its own score.
    func rerank(_ pool: [(index: Int, score: Float)], k: Int, for user: UserContext) -> [(item: Int, score: Float)]
}

extension SlateReranker {
    /// `pool`'s scores min–max scaled to [0, 1] (all 1 when they are equal): the relevance the
    /// rerankers trade against their aim.
    static func relevance(of pool: [(index: Int, score: Float)]) -> [Float] {
        guard let high = pool.map(\.score).max(), let low = pool.map(\.score).min() else { return [] }
        let range = high - low
        return pool.map { range > 0 ? ($0.score - low) / range : 1 }
    }
}

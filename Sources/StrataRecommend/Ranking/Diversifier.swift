import StrataMath

/// Maximal marginal relevance over item vectors: each next pick maximises
/// `(1 − λ)·relevance − λ·max cosine to the items already picked`, so a list covers more of the user's
/// interests instead of ten near-copies of one. λ = 0 keeps the ranking as it is.
public struct Diversifier: SlateReranker {
    /// The trade-off λ in [0, 1].
    public let lambda: Float
    /// How many top-scored candidates are re-ranked.
    public let poolSize: Int
    /// Unit item vectors, one row per catalog item.
    public let itemVectors: Matrix

    public init(lambda: Float, itemVectors: Matrix, poolSize: Int = 100) throws {
        guard (0 ... 1).contains(lambda) else {
            throw RecommendError.invalidParameter(
                name: "diversity", value: "\(lambda)", expected: "a number from 0 to 1")
        }
        self.lambda = lambda
        self.itemVectors = itemVectors
        self.poolSize = poolSize
    }

    /// The best `k` of `pool` (best first by relevance) in MMR order, whoever the user; relevance is
    /// min–max scaled over the pool first, and each item keeps its own score.
    public func rerank(_ pool: [(index: Int, score: Float)], k: Int, for _: UserContext) -> [(item: Int, score: Float)]
    {
        rerank(pool, k: k)
    }

    /// The best `k` of `pool` in MMR order, as `rerank(_:k:for:)`.
    public func rerank(_ pool: [(index: Int, score: Float)], k: Int) -> [(item: Int, score: Float)] {
        var relevance = Self.relevance(of: pool)
        var remaining = pool
        var closest = [Float](repeating: -1, count: pool.count)
        var picked = [(item: Int, score: Float)]()
        while picked.count < k, !remaining.isEmpty {
            var best = 0
            var bestValue = -Float.infinity
            for n in remaining.indices {
                let value = (1 - lambda) * relevance[n] - lambda * (picked.isEmpty ? 0 : closest[n])
                if value > bestValue { (best, bestValue) = (n, value) }
            }
            let chosen = remaining.remove(at: best)
            relevance.remove(at: best)
            closest.remove(at: best)
            picked.append((chosen.index, chosen.score))
            let vector = itemVectors.row(chosen.index)
            for (n, candidate) in remaining.enumerated() {
                var dot: Float = 0
                for c in vector.indices { dot += vector[c] * itemVectors[candidate.index, c] }
                closest[n] = max(closest[n], dot)
            }
        }
        return picked
    }
}

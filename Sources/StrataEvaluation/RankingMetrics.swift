import Foundation

/// Top-K ranking metrics of one ranked list against a user's held-out items (binary relevance).
public enum RankingMetrics {
    /// Hits in the top `k` divided by the number of relevant items.
    public static func recall(_ ranked: [String], relevant: Set<String>, k: Int) -> Double {
        guard !relevant.isEmpty else { return 0 }
        return Double(hits(ranked, relevant, k)) / Double(relevant.count)
    }

    /// Discounted cumulative gain of the top `k` with binary gains, over the ideal DCG of
    /// `min(k, |relevant|)` hits.
    public static func ndcg(_ ranked: [String], relevant: Set<String>, k: Int) -> Double {
        guard !relevant.isEmpty else { return 0 }
        var dcg = 0.0
        for (rank, item) in ranked.prefix(k).enumerated() where relevant.contains(item) {
            dcg += 1 / log2(Double(rank + 2))
        }
        let ideal = (0 ..< min(k, relevant.count)).reduce(0.0) { $0 + 1 / log2(Double($1 + 2)) }
        return dcg / ideal
    }

    /// 1 when any relevant item is in the top `k`, else 0.
    public static func hitRate(_ ranked: [String], relevant: Set<String>, k: Int) -> Double {
        hits(ranked, relevant, k) > 0 ? 1 : 0
    }

    /// The reciprocal rank of the first relevant item in the top `k`, 0 when there is none.
    public static func reciprocalRank(_ ranked: [String], relevant: Set<String>, k: Int) -> Double {
        guard let rank = ranked.prefix(k).firstIndex(where: relevant.contains) else { return 0 }
        return 1 / Double(rank + 1)
    }

    private static func hits(_ ranked: [String], _ relevant: Set<String>, _ k: Int) -> Int {
        ranked.prefix(k).reduce(0) { $0 + (relevant.contains($1) ? 1 : 0) }
    }
}

/// The protocol's metrics averaged over the test users: Recall, NDCG, HitRate and MRR at 10 and 20,
/// catalog coverage of the top-10 lists, and, when measured, the users' interest coverage.
public struct RankingReport: Codable, Equatable, Sendable {
    public var recallAt10 = 0.0, ndcgAt10 = 0.0, hitRateAt10 = 0.0, mrrAt10 = 0.0
    public var recallAt20 = 0.0, ndcgAt20 = 0.0, hitRateAt20 = 0.0, mrrAt20 = 0.0
    /// Distinct items in all top-10 lists over the catalog size.
    public var coverageAt10 = 0.0
    /// How much of each user's mix of topic interests their top 10 shows (see `Calibrator.interestCoverage`),
    /// averaged over the test users with topic interests; 0 when not measured.
    public var interestCoverageAt10 = 0.0
    /// The number of users averaged over.
    public var users = 0
    /// NDCG@10 and the number of users per activity bucket (`ActivityBucket`), when train counts were given.
    public var ndcgAt10ByActivity: [String: Double] = [:]
    public var usersByActivity: [String: Int] = [:]

    /// Scores `recommendations` (ranked item ids per user, best first) against `heldOut` (each test
    /// user's held-out items). A test user without recommendations counts with zeros. With `trainCounts`
    /// (each user's train interactions) NDCG@10 is also averaged per activity bucket.
    public init(
        recommendations: [String: [String]], heldOut: [String: Set<String>], catalogSize: Int,
        trainCounts: [String: Int]? = nil
    ) {
        var covered = Set<String>()
        for (user, relevant) in heldOut where !relevant.isEmpty {
            let ranked = recommendations[user] ?? []
            recallAt10 += RankingMetrics.recall(ranked, relevant: relevant, k: 10)
            let ndcg = RankingMetrics.ndcg(ranked, relevant: relevant, k: 10)
            ndcgAt10 += ndcg
            if let trainCounts {
                let bucket = ActivityBucket(trainInteractions: trainCounts[user] ?? 0).rawValue
                ndcgAt10ByActivity[bucket, default: 0] += ndcg
                usersByActivity[bucket, default: 0] += 1
            }
            hitRateAt10 += RankingMetrics.hitRate(ranked, relevant: relevant, k: 10)
            mrrAt10 += RankingMetrics.reciprocalRank(ranked, relevant: relevant, k: 10)
            recallAt20 += RankingMetrics.recall(ranked, relevant: relevant, k: 20)
            ndcgAt20 += RankingMetrics.ndcg(ranked, relevant: relevant, k: 20)
            hitRateAt20 += RankingMetrics.hitRate(ranked, relevant: relevant, k: 20)
            mrrAt20 += RankingMetrics.reciprocalRank(ranked, relevant: relevant, k: 20)
            covered.formUnion(ranked.prefix(10))
            users += 1
        }
        if users > 0 {
            let n = Double(users)
            recallAt10 /= n
            ndcgAt10 /= n
            hitRateAt10 /= n
            mrrAt10 /= n
            recallAt20 /= n
            ndcgAt20 /= n
            hitRateAt20 /= n
            mrrAt20 /= n
        }
        for (bucket, count) in usersByActivity { ndcgAt10ByActivity[bucket]! /= Double(count) }
        coverageAt10 = catalogSize > 0 ? Double(covered.count) / Double(catalogSize) : 0
    }
}

/// How active a test user was in train, for metrics per kind of user: sparse users are most of a real log.
public enum ActivityBucket: String, CaseIterable, Sendable {
    case few = "1-4"
    case some = "5-19"
    case many = "20+"

    public init(trainInteractions n: Int) {
        self = n < 5 ? .few : n < 20 ? .some : .many
    }
}

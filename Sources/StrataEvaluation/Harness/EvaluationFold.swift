import StrataCore
import StrataMath
import StrataRecommend

/// One train/held-out split made ready for the generators: the train interaction matrix over the items
/// that may be ranked, every train user's context (profile built from train events only, decay measured
/// from the user's last train event) and each user's held-out items.
struct EvaluationFold {
    let matrix: InteractionMatrix
    /// The items that may be ranked, in the matrix's column order.
    let catalog: EvaluationCatalog
    /// The context of every user with train interactions, in matrix row order.
    let contexts: [UserContext]
    /// The contexts of the users with held-out items.
    var testContexts: [UserContext]
    let heldOut: [String: Set<String>]
    /// Each user's number of train interactions (rows).
    let trainCounts: [String: Int]

    /// Builds the fold; `events` are every user's interaction events, `builder` makes the profiles and
    /// `segment` groups the train profiles into segments. With `.seen` candidates the ranked catalog is
    /// the items of `train`; held-out rows of other items stay held out, misses for every model.
    init(
        train: [Interaction], test: [Interaction], events: [String: [Event]], catalog: EvaluationCatalog,
        candidates: CandidateItems, builder: ProfileBuilder, segment: ([UserProfile]) throws -> [String: Int]
    ) rethrows {
        let catalog = candidates == .seen ? catalog.keeping(itemsIn: train) : catalog
        self.catalog = catalog
        var histories = [(user: String, items: [String])]()
        var times = [[Int64]]()
        for interaction in train {
            if histories.last?.user != interaction.user {
                histories.append((interaction.user, []))
                times.append([])
            }
            histories[histories.count - 1].items.append(interaction.item)
            times[times.count - 1].append(interaction.timestamp)
        }
        trainCounts = Dictionary(histories.map { ($0.user, $0.items.count) }, uniquingKeysWith: +)
        let matrix = InteractionMatrix(itemIDs: catalog.itemIDs, histories: histories, times: times)
        self.matrix = matrix
        let kept = Set(train)
        let profiles = histories.map { history in
            let trainEvents = (events[history.user] ?? []).filter {
                kept.contains(Interaction(user: $0.userID, item: $0.itemID, timestamp: $0.timestamp))
            }
            return builder.profile(user: history.user, events: trainEvents)
        }
        let segments = try segment(profiles)
        let contexts = zip(histories.indices, profiles).map { row, profile in
            matrix.context(row: row, profile: profile, segment: segments[profile.user])
        }
        self.contexts = contexts
        var heldOut = [String: Set<String>]()
        for interaction in test { heldOut[interaction.user, default: []].insert(interaction.item) }
        self.heldOut = heldOut
        let contextOf = Dictionary(uniqueKeysWithValues: contexts.map { ($0.user, $0) })
        testContexts = heldOut.keys.sorted().map { contextOf[$0] ?? UserContext(user: $0, items: []) }
    }

    /// The fold scored on an evenly spread sample of at most `users` of its test users (all when fewer).
    func sampled(users: Int) -> EvaluationFold {
        guard testContexts.count > users else { return self }
        var sample = self
        let step = Double(testContexts.count) / Double(users)
        sample.testContexts = (0 ..< users).map { testContexts[Int(Double($0) * step)] }
        return sample
    }

    /// The protocol's metrics of `ranker` on the held-out items, scoring users in batches; with
    /// `itemTopics` (each catalog column's fine topic), also the users' interest coverage.
    func report(_ ranker: HybridRanker, itemTopics: [Int32]? = nil, batchSize: Int = 256) -> RankingReport {
        var lists = [(context: UserContext, items: [Int])]()
        for start in stride(from: 0, to: testContexts.count, by: batchSize) {
            let batch = Array(testContexts[start ..< min(start + batchSize, testContexts.count)])
            for (context, list) in zip(batch, ranker.recommend(for: batch, k: 20)) {
                lists.append((context, list.map(\.item)))
            }
        }
        return report(lists, itemTopics: itemTopics, listedUsersOnly: true)
    }

    /// NDCG@10 of every test user (in `testContexts` order) under `ranker`: what settings are compared on.
    func ndcgs(_ ranker: HybridRanker, batchSize: Int = 256) -> [Double] {
        var scores = [Double]()
        for start in stride(from: 0, to: testContexts.count, by: batchSize) {
            let batch = Array(testContexts[start ..< min(start + batchSize, testContexts.count)])
            scores += ndcgs(zip(batch, ranker.recommend(for: batch, k: 10)).map { ($0, $1.map(\.item)) })
        }
        return scores
    }

    /// NDCG@10 of each user's ranked catalog columns, best first.
    func ndcgs(_ lists: [(context: UserContext, items: [Int])]) -> [Double] {
        lists.map { context, items in
            RankingMetrics.ndcg(
                items.prefix(10).map { matrix.itemIDs[$0] }, relevant: heldOut[context.user] ?? [], k: 10)
        }
    }

    /// The protocol's metrics of each user's ranked catalog columns, best first (see `report(_:itemTopics:batchSize:)`);
    /// `listedUsersOnly` averages over the users of `lists` (a sample) instead of every test user.
    func report(
        _ lists: [(context: UserContext, items: [Int])], itemTopics: [Int32]?, listedUsersOnly: Bool = false
    ) -> RankingReport {
        let recommendations = Dictionary(
            lists.map { ($0.context.user, $0.items.map { matrix.itemIDs[$0] }) },
            uniquingKeysWith: { a, _ in a })
        let scored = listedUsersOnly ? heldOut.filter { recommendations[$0.key] != nil } : heldOut
        var report = RankingReport(
            recommendations: recommendations, heldOut: scored, catalogSize: matrix.itemIDs.count,
            trainCounts: trainCounts)
        guard let itemTopics else { return report }
        let coverages = lists.compactMap { context, items -> Double? in
            let mix = Calibrator.targetMix(of: context.profile)
            return mix.isEmpty
                ? nil : Calibrator.interestCoverage(of: Array(items.prefix(10)), mix: mix, itemTopics: itemTopics)
        }
        report.interestCoverageAt10 = coverages.isEmpty ? 0 : coverages.reduce(0, +) / Double(coverages.count)
        return report
    }
}

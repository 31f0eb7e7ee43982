import StrataCore
import StrataMath
import StrataRecommend
import Testing

/// Candidates gathered for a block of users at once, and rankings by one vector (a layer, a newcomer's
/// text) in a catalog ranked over candidates: the same answers as one user at a time, through the index.
@Suite struct BatchedCandidateTests {
    typealias Fixture = CandidateRankingTests
    /// A graph over the 60 item vectors (forced with `exactBelow: 0`), so searches are approximate.
    static let index = try! NearestNeighbourIndex(vectors: Fixture.vectors, m: 4, efConstruction: 16, exactBelow: 0)

    static func profile(_ user: String, deep: [Float]) -> UserProfile {
        let empty = InterestLayer(interests: [], vector: [Float](repeating: 0, count: deep.count))
        return UserProfile(
            user: user, surface: empty, middle: empty, deep: InterestLayer(interests: [], vector: deep),
            referenceTime: 0, eventCount: 1)
    }

    /// The 40 users of `CandidateRankingTests`, each with a deep layer: the unit mean of their items' vectors.
    static let users: [UserContext] = Fixture.matrix.userIDs.indices.map { row in
        let items = Fixture.matrix.userItems[row]
        var mean = [Float](repeating: 0, count: Fixture.vectors.columns)
        for item in items { for c in mean.indices { mean[c] += Fixture.vectors[item, c] } }
        return UserContext(
            user: Fixture.matrix.userIDs[row], items: items,
            profile: profile(Fixture.matrix.userIDs[row], deep: VectorMath.normalized(mean)), segment: row % 3)
    }

    func components() throws -> [(generator: any CandidateGenerator, weight: Double)] {
        let m = Fixture.matrix
        return [
            (try EASE(fitting: m, lambda: 5), 1), (try ItemKNN(fitting: m, neighbours: 10, shrinkage: 2), 0.5),
            (Popularity(fitting: m), 0.1),
            (Content(itemVectors: Fixture.vectors, source: .layer(.deep), index: Self.index), 0.6),
            (Content(itemVectors: Fixture.vectors, source: .itemMean, index: Self.index), 0.4)
        ]
    }

    @Test func aBlockOfUsersIsRankedAsEachUserAlone() throws {
        let ranker = HybridRanker(components: try components(), candidateCount: 8)
        let together = ranker.recommend(for: Self.users, k: 5)
        let alone = Self.users.map { ranker.recommend(for: [$0], k: 5)[0] }
        #expect(together.map { $0.map(\.item) } == alone.map { $0.map(\.item) })
        #expect(together.map { $0.map(\.score) } == alone.map { $0.map(\.score) })
        #expect(together.allSatisfy { $0.count == 5 })
    }

    @Test func theIndexAnswersABatchAsItAnswersEachQuery() throws {
        let queries = Matrix(rowVectors: Self.users.map { $0.profile!.deep.vector })
        let batch = try Self.index.search(queries, k: 6, excludingPerQuery: Self.users.map { Set($0.items) })
        for (row, user) in Self.users.enumerated() {
            let one = try Self.index.search(user.profile!.deep.vector, k: 6, excluding: Set(user.items))
            #expect(batch[row].map(\.index) == one.map(\.index))
            #expect(batch[row].allSatisfy { !user.items.contains($0.index) })
        }
        #expect(throws: NearestNeighbourIndexError.exclusionsMismatch(queries: 40, sets: 1)) {
            try Self.index.search(queries, k: 6, excludingPerQuery: [[]])
        }
    }

    func recommender(excludeSeen: SeenExclusion = .interacted, candidateCount: Int? = 8) throws -> Recommender {
        let ids = Fixture.matrix.itemIDs
        let topic = Topic(
            id: 0, level: .fine, label: "all", keywords: [], size: ids.count, parent: nil, representativeItems: [],
            centroid: Fixture.vectors.row(0))
        let topics = TopicModel(
            modelID: "test", fine: [topic], coarse: [],
            itemTopics: Dictionary(uniqueKeysWithValues: ids.map { ($0, 0) }))
        return Recommender(
            matrix: Fixture.matrix, ranker: HybridRanker(components: try components(), candidateCount: candidateCount),
            explainer: Explainer(topics: topics, itemIDs: ids, itemVectors: Fixture.vectors, titles: [:]),
            coldStart: TextColdStart(topics: topics, itemIDs: ids, itemVectors: Fixture.vectors),
            contexts: Dictionary(
                uniqueKeysWithValues: Self.users.map { user in
                    var context = user
                    context.excluded = excludeSeen == .interacted ? nil : []
                    return (user.user, context)
                }), excludeSeen: excludeSeen)
    }

    @Test func aLayerRankingInALargeCatalogIsTheIndexsAnswer() throws {
        let recommender = try recommender()
        let lists = try recommender.recommend(users: Self.users.map(\.user), k: 4, layer: .deep)
        for (list, user) in zip(lists, Self.users) {
            let found = try Self.index.search(user.profile!.deep.vector, k: 8, excluding: Set(user.items))
            #expect(list.map(\.item) == found.prefix(4).map { Fixture.matrix.itemIDs[$0.index] })
        }
    }

    @Test func textColdStartInALargeCatalogIsTheIndexsAnswer() throws {
        let text = VectorMath.normalized(Fixture.vectors.row(7).enumerated().map { $1 + ($0 == 0 ? 0.3 : 0) })
        let result = try recommender().coldStart(text: text, attributes: [:], knownAttributes: [:], k: 5)
        let found = try Self.index.search(text, k: 5)
        #expect(result.items.map(\.item) == found.map { Fixture.matrix.itemIDs[$0.index] })
        // A description alone is scored by its cosine to each item, as `strata recommend --text` prints it.
        for match in result.items {
            let row = Fixture.matrix.itemIndex[match.item]!
            #expect(abs(match.score - VectorMath.dot(text, Fixture.vectors.row(row))) < 1e-5)
        }
    }

    @Test func observedPurchasesAreExcludedWhenOnlyPurchasesAre() throws {
        var recommender = try recommender(excludeSeen: .purchased, candidateCount: nil)
        let user = Self.users[0].user
        recommender.observe(user: user, items: [], profile: nil, segment: nil)
        #expect(recommender.contexts[user]?.exclusions == [])
        // The most popular item, viewed then bought: viewing leaves it recommendable, buying does not.
        let top = try recommender.recommend(users: [user], k: 1)[0][0].item
        recommender.observe(user: user, items: [top], profile: nil, segment: nil)
        #expect(try recommender.recommend(users: [user], k: 60 - 1).flatMap { $0.map(\.item) }.contains(top))
        recommender.observe(user: user, items: [top], purchased: [top], profile: nil, segment: nil)
        #expect(recommender.contexts[user]?.exclusions == [Fixture.matrix.itemIndex[top]!])
        #expect(try !recommender.recommend(users: [user], k: 50).flatMap { $0.map(\.item) }.contains(top))
        // A newcomer's purchases are excluded from their first events on.
        recommender.observe(user: "new", items: ["i1", "i2"], purchased: ["i2"], profile: nil, segment: nil)
        #expect(recommender.contexts["new"]?.exclusions == [2])
    }

    @Test func everyInteractionIsExcludedByDefault() throws {
        var recommender = try recommender()
        recommender.observe(user: "new", items: ["i1", "i2"], purchased: ["i2"], profile: nil, segment: nil)
        #expect(recommender.contexts["new"]?.exclusions == [1, 2])
    }
}

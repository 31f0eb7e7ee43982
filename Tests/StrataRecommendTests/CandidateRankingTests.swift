import StrataCore
import StrataMath
import StrataRecommend
import Testing

/// Ranking over the union of the generators' candidates (large catalogs) against the dense ranking
/// over the whole catalog: with every item a candidate the two must agree (the same items; scores to
/// float rounding, as the content generator's dot products run in another kernel), so the sparse path
/// adds no error of its own beyond which items it considers.
@Suite struct CandidateRankingTests {
    static let itemCount = 60
    /// 40 users with 3–12 items each, drawn with a seeded RNG and a popularity skew.
    static let matrix: InteractionMatrix = {
        var random = SeededRandom(seed: 11)
        let ids = (0 ..< itemCount).map { "i\($0)" }
        let histories = (0 ..< 40).map { u -> (user: String, items: [String]) in
            let n = 3 + Int(random.next() % 10)
            return (
                "u\(u)",
                (0 ..< n).map { _ in
                    {
                        let u = random.nextUnit()
                        return ids[Int(Double(itemCount) * u * u)]
                    }()
                }
            )
        }
        return InteractionMatrix(itemIDs: ids, histories: histories)
    }()
    static let vectors: Matrix = {
        var random = SeededRandom(seed: 5)
        return Matrix(
            rowVectors: (0 ..< itemCount).map { _ in
                VectorMath.normalized((0 ..< 8).map { _ in Float(random.nextGaussian()) })
            })
    }()
    static let categories = ItemCategories(
        itemIDs: matrix.itemIDs,
        categories: Dictionary(
            uniqueKeysWithValues:
                matrix.itemIDs.enumerated().map { ($1, ["c\($0 % 7)"] + ($0 % 5 == 0 ? ["sale"] : [])) }))

    func components() throws -> [(generator: any CandidateGenerator, weight: Double)] {
        let m = Self.matrix
        var recent = try EASE(fitting: m, lambda: 5)
        recent.recentWindow = 3
        let segments = Dictionary(uniqueKeysWithValues: m.userIDs.enumerated().map { ($1, $0 % 3) })
        return [
            (try EASE(fitting: m, lambda: 5, maximumItems: 40), 1), (recent, 0.7),
            (try ItemKNN(fitting: m, neighbours: 10, shrinkage: 2), 0.5),
            (Popularity(fitting: m, segments: segments), 0.3), (Popularity(fitting: m), 0.1),
            (try CategoryPopularity(fitting: m, categories: Self.categories, recentWindow: 4), 0.4),
            (try CoVisitation(fitting: m, window: 2), 0.3), (try Trending(fitting: m, halfLifeDays: 7), 0.2),
            (Content(itemVectors: Self.vectors, source: .itemMean), 0.6),
            (try ImplicitALS(fitting: m, factors: 4, iterations: 3), 0.2)
        ]
    }

    var users: [UserContext] {
        Self.matrix.userIDs.indices.map {
            UserContext(user: Self.matrix.userIDs[$0], items: Self.matrix.userItems[$0], segment: $0 % 3)
        }
    }

    @Test func everyItemACandidateGivesTheDenseRanking() throws {
        let dense = HybridRanker(components: try components())
        let sparse = HybridRanker(components: try components(), candidateCount: Self.itemCount)
        let expected = dense.recommend(for: users, k: 10)
        let got = sparse.recommend(for: users, k: 10)
        for (want, have) in zip(expected, got) {
            #expect(want.map(\.item) == have.map(\.item))
            #expect(zip(want, have).allSatisfy { abs($0.score - $1.score) < 1e-5 })
        }
    }

    @Test func diversifiedRankingsAgreeToo() throws {
        let diversifier = try Diversifier(lambda: 0.2, itemVectors: Self.vectors, poolSize: 20)
        let dense = HybridRanker(components: try components(), reranker: diversifier)
        let sparse = HybridRanker(components: try components(), reranker: diversifier, candidateCount: Self.itemCount)
        #expect(
            dense.recommend(for: users, k: 8).map { $0.map(\.item) }
                == sparse.recommend(for: users, k: 8).map { $0.map(\.item) })
    }

    @Test func fewCandidatesRankOnlyWhatSomeGeneratorProposed() throws {
        let parts = try components()
        let sparse = HybridRanker(components: parts, candidateCount: 3)
        for user in users {
            let proposed = Set(parts.flatMap { $0.generator.candidates(for: user, count: 5) })
            let list = sparse.recommend(for: [user], k: 5)[0]
            #expect(list.count == 5)
            #expect(list.allSatisfy { proposed.contains($0.item) && !user.items.contains($0.item) })
        }
    }

    @Test func itemsLeftOutOfTheExclusionsCanComeBack() throws {
        // Nothing excluded: some of a user's own items rank among their top 10, the same densely and over candidates.
        let open = users.map { user in
            UserContext(user: user.user, items: user.items, segment: user.segment, excluded: [])
        }
        let dense = HybridRanker(components: try components()).recommend(for: open, k: 10)
        let sparse = HybridRanker(components: try components(), candidateCount: Self.itemCount).recommend(
            for: open, k: 10)
        #expect(dense.map { $0.map(\.item) } == sparse.map { $0.map(\.item) })
        #expect(zip(open, dense).contains { user, list in list.contains { user.items.contains($0.item) } })
        // Only the first item excluded: it never comes back, the others may.
        let firstOnly = users.map {
            UserContext(user: $0.user, items: $0.items, segment: $0.segment, excluded: [$0.items[0]])
        }
        for (user, list) in zip(firstOnly, HybridRanker(components: try components()).recommend(for: firstOnly, k: 10))
        {
            #expect(!list.contains { $0.item == user.items[0] })
        }
    }

    @Test func contentFindsItsCandidatesThroughTheIndex() throws {
        // A graph even for 60 items (exactBelow 0): with ef ≥ the catalog it must find the exact top.
        let index = try NearestNeighbourIndex(vectors: Self.vectors, exactBelow: 0)
        #expect(index.isApproximate)
        let indexed = Content(itemVectors: Self.vectors, source: .itemMean, index: index)
        let scanned = Content(itemVectors: Self.vectors, source: .itemMean)
        for user in users {
            #expect(indexed.candidates(for: user, count: 6) == scanned.candidates(for: user, count: 6))
        }
    }

    @Test func largeCatalogsAreRankedOverCandidatesWithAnIndex() throws {
        var parameters = HybridParameters()
        parameters.rankCandidatesAbove = Self.itemCount - 1
        parameters.weights = ["itemknn": 1, "content-surface": 1]
        let ranker = try parameters.ranker(
            matrix: Self.matrix, itemVectors: Self.vectors, categories: Self.categories, itemTopics: [], segments: [:])
        #expect(ranker.candidateCount == parameters.candidatesPerGenerator)
        let content = try #require(ranker.components.compactMap { $0.generator as? Content }.first)
        #expect(content.index?.count == Self.itemCount)
        parameters.rankCandidatesAbove = Self.itemCount
        #expect(
            try parameters.ranker(
                matrix: Self.matrix, itemVectors: Self.vectors, categories: Self.categories, itemTopics: [],
                segments: [:]
            )
            .candidateCount == nil)
    }

    @Test(arguments: 0 ..< 8)
    func eachGeneratorsCandidatesAreItsBestUnseenItems(_ index: Int) throws {
        let generator = try components()[index].generator
        for user in users.prefix(10) {
            let row = generator.scores(for: [user]).values
            let expected = TopK.largest(row, k: 6, excluding: Set(user.items)).map(\.index)
            let got = generator.candidates(for: user, count: 6)
            // Items past a generator's reach (score 0, say beyond EASE's head) may be left out; the
            // scores of what it proposes must be the best ones.
            #expect(
                zip(got.map { row[$0] }, expected.prefix(got.count).map { row[$0] }).allSatisfy { abs($0 - $1) < 1e-6 },
                "\(generator.name)")
            #expect(
                zip(generator.scores(for: user, items: got), got.map { row[$0] }).allSatisfy { abs($0 - $1) < 1e-6 },
                "\(generator.name)")
        }
    }
}

import Foundation
import StrataCore
import StrataMath
import StrataRecommend
import Testing

@testable import StrataEvaluation

/// A shop log with a planted best generator: users browse one category at a time and, within it, the
/// category's popular items first; what they do next is the next popular items of their latest category.
enum PlantedShop {
    static let categories = 20
    static let perCategory = 15

    static var itemIDs: [String] { (0 ..< categories * perCategory).map { "i\($0)" } }
    static func category(of item: Int) -> Int { item / perCategory }

    /// `users` users, each with `sessions` sessions of `visits` visits in one category.
    static func events(users: Int, sessions: Int = 4, visits: Int = 6, seed: UInt64 = 7) -> [Event] {
        var random = SeededRandom(seed: seed)
        var events = [Event]()
        var time: Int64 = 1_700_000_000
        for u in 0 ..< users {
            for _ in 0 ..< sessions {
                let category = Int(random.next() % UInt64(categories))
                // Items of the category by popularity, with a little noise: rank r weighs 1 / (r + 1).
                var ranked = (0 ..< perCategory).map { r in (r, random.nextUnit() / Double(r + 1)) }
                ranked.sort { $0.1 > $1.1 }
                for (r, _) in ranked.prefix(visits) {
                    time += 60
                    events.append(
                        Event(userID: "u\(u)", itemID: "i\(category * perCategory + r)", type: .view, timestamp: time))
                }
            }
        }
        return events
    }

    static var catalog: EvaluationCatalog {
        var random = SeededRandom(seed: 3)
        let ids = itemIDs
        let vectors = Matrix(
            rows: ids.count, columns: 8, values: (0 ..< ids.count * 8).map { _ in Float(random.nextGaussian()) })
        let topic = Topic(
            id: 0, level: .fine, label: "all", keywords: [], size: ids.count, parent: nil, representativeItems: [],
            centroid: vectors.row(0))
        let topics = TopicModel(
            modelID: "test", fine: [topic], coarse: [],
            itemTopics: Dictionary(uniqueKeysWithValues: ids.map { ($0, 0) }))
        return EvaluationCatalog(
            itemIDs: ids, itemVectors: vectors,
            itemCategories: Dictionary(uniqueKeysWithValues: ids.indices.map { (ids[$0], ["c\(category(of: $0))"]) }),
            topics: topics)
    }

    static func search(_ events: [Event], settings: ModelSearch.Settings = .init(budgetSeconds: 600)) -> ModelSearch {
        let catalog = catalog
        return ModelSearch(
            train: events.map { Interaction(user: $0.userID, item: $0.itemID, timestamp: $0.timestamp) },
            events: Dictionary(grouping: events, by: \.userID), catalog: catalog,
            builder: ProfileBuilder(topics: catalog.topics, itemIDs: catalog.itemIDs, vectors: catalog.itemVectors),
            settings: settings, segment: { _ in [:] })
    }
}

@Suite struct ModelSearchTests {
    @Test func theSearchPicksThePlantedGenerator() throws {
        let outcome = try PlantedShop.search(PlantedShop.events(users: 150)).run()
        #expect(outcome.fallback == nil && !outcome.cutShort)
        let bestSingle = try #require(outcome.chosen.max { $0.validationNDCG < $1.validationNDCG })
        #expect(bestSingle.generator == "category-popularity")
        let heaviest = try #require(outcome.parameters.weights.max { $0.value < $1.value })
        #expect(heaviest.key == "category-popularity", "chose \(outcome.parameters.weights)")
        #expect(outcome.validationNDCG >= bestSingle.validationNDCG)
        #expect(
            outcome.validationUsers == 600,
            "a small store is validated on cuts until they hold 1,200 users, at most four: four cuts of 150 users")
        #expect(outcome.trials.contains { $0.generator == "popularity" })
        // The kept EASE setting is the λ every EASE generator of the choice is fitted with (EASE's recency variant
        // brings its λ too; before, the order settings were adopted in could put the default back).
        let ease = try #require(outcome.chosen.first { $0.generator == "ease" })
        #expect(ease.parameters == "lambda=\(outcome.parameters.easeLambda)")
    }

    @Test func aStoreTooSmallToTuneGetsTheFallbackAndSaysWhy() throws {
        let outcome = try PlantedShop.search(PlantedShop.events(users: 5)).run()
        #expect(outcome.fallback != nil)
        #expect(outcome.parameters == ModelSearch.fallback)
        #expect(
            outcome.summary.contains("not tuned (5 users have enough interactions for a validation split, 20 needed)"))
    }

    @Test func aSearchWhoseBudgetRunsOutBeforeAnyTrialSaysSoAndFallsBack() throws {
        let outcome = try PlantedShop.search(PlantedShop.events(users: 40), settings: .init(budgetSeconds: 1e-9)).run()
        #expect(outcome.cutShort && outcome.trials.isEmpty)
        #expect(outcome.parameters == ModelSearch.fallback)
        #expect(outcome.summary.contains("the budget ran out before any setting was tried"))
    }

    @Test func candidatesAreTheSeenItemsWhenTheCatalogIsTheLogsOwn() {
        let log = [("u", "a", 1), ("u", "b", 2), ("v", "c", 3)].map {
            Interaction(user: $0.0, item: $0.1, timestamp: Int64($0.2))
        }
        #expect(CandidateItems.detect(catalog: ["a", "b", "c"], interactions: log) == .seen)
        #expect(CandidateItems.detect(catalog: ["a", "b", "c", "d"], interactions: log) == .all)
    }

    @Test func aSeenOnlyFoldNeverRanksAnItemFirstMetInTheHeldOutPeriod() throws {
        // Item i299 occurs only in a held-out row: with seen candidates no list holds it, and its row stays
        // held out as a miss; with every item as a candidate, popularity ranks it (0 users) last but can.
        var events = PlantedShop.events(users: 30)
        let last = events.filter { $0.userID == "u0" }.map(\.timestamp).max()!
        events.removeAll { $0.itemID == "i299" }
        events.append(Event(userID: "u0", itemID: "i299", type: .view, timestamp: last + 1))
        let interactions = events.map { Interaction(user: $0.userID, item: $0.itemID, timestamp: $0.timestamp) }
        let split = TemporalSplit(interactions)
        let catalog = PlantedShop.catalog
        let builder = ProfileBuilder(topics: catalog.topics, itemIDs: catalog.itemIDs, vectors: catalog.itemVectors)
        let fold = try EvaluationFold(
            train: split.train, test: split.test, events: Dictionary(grouping: events, by: \.userID), catalog: catalog,
            candidates: .seen, builder: builder, segment: { _ in [:] })
        #expect(!fold.matrix.itemIDs.contains("i299"))
        #expect(fold.catalog.itemVectors.rows == fold.matrix.itemIDs.count)
        #expect(fold.heldOut["u0"]?.contains("i299") == true)
        let all = try EvaluationFold(
            train: split.train, test: split.test, events: Dictionary(grouping: events, by: \.userID), catalog: catalog,
            candidates: .all, builder: builder, segment: { _ in [:] })
        #expect(all.matrix.itemIDs.count == PlantedShop.categories * PlantedShop.perCategory)
    }
}

@Suite struct PairedComparisonTests {
    @Test func aGainMustExceedOneStandardErrorOfThePairedDifferences() {
        // Differences 0.1, 0.1, 0.1, 0.5: mean 0.2, sample variance (3·0.01 + 0.09)/3 = 0.04, SE √(0.04/4) = 0.1.
        let incumbent = [0.0, 0.0, 0.0, 0.0]
        #expect(PairedComparison.beats([0.1, 0.1, 0.1, 0.5], incumbent))
        #expect(!PairedComparison.beats([0.1, 0.1, 0.1, 0.5], incumbent, standardErrors: 2.5), "0.2 < 2.5 · 0.1")
        // One user gains 0.4, the others none: mean 0.1, SE 0.1 — not beyond one standard error.
        #expect(!PairedComparison.beats([0.4, 0, 0, 0], incumbent))
        #expect(!PairedComparison.beats(incumbent, incumbent), "no gain")
    }
}

@Suite struct ActivityBucketTests {
    @Test func ndcgIsAlsoAveragedPerActivityBucket() {
        // u1 (3 train rows) hits at rank 1: NDCG 1; u2 (10 rows) misses; u3 (25 rows) hits at rank 2 of one held out.
        let report = RankingReport(
            recommendations: ["u1": ["a"], "u2": ["b"], "u3": ["x", "c"]],
            heldOut: ["u1": ["a"], "u2": ["z"], "u3": ["c"]], catalogSize: 10,
            trainCounts: ["u1": 3, "u2": 10, "u3": 25])
        #expect(report.ndcgAt10ByActivity == ["1-4": 1, "5-19": 0, "20+": 1 / log2(3.0)])
        #expect(report.usersByActivity == ["1-4": 1, "5-19": 1, "20+": 1])
        #expect(ActivityBucket(trainInteractions: 4) == .few && ActivityBucket(trainInteractions: 5) == .some)
        #expect(ActivityBucket(trainInteractions: 20) == .many)
    }
}

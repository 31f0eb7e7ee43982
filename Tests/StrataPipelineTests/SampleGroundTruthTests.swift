import Foundation
import StrataCore
import StrataEmbedding
import StrataImport
import StrataSQLite
import StrataSample
import StrataTestSupport
import Testing

@testable import StrataPipeline

/// The bundled sample (sample/*.csv, and the same sample in Chinese) through import, embedding, topics
/// and profiles, checked against the interests the simulator planted (truth.json).
@Suite(.serialized) struct SampleGroundTruthTests {
    struct Truth: Decodable {
        struct User: Decodable {
            let id: String
            let longTerm: [String]
            let recent: [String]
            let drifting: Bool
            let driftTo: String?
        }
        let users: [User]
    }

    final class Built: @unchecked Sendable {
        let folder: URL
        let topics: TopicModel
        let profiles: [String: UserProfile]
        let truth: Truth
        /// The sub-categories of each topic: those of at least a quarter of its items (fine), or the
        /// union over its fine topics (coarse).
        let categoriesOfTopic: [Int: Set<String>]

        init(_ language: SampleLanguage) throws {
            folder = try RepositoryPaths.temporaryFolder()
            let store = try SQLiteStore(path: folder.appendingPathComponent("sample.sqlite").path)
            let sample = try SampleFixture.folder(language, scratch: folder)
            _ = try Importer.importItems(from: sample.appendingPathComponent("items.csv"), into: store)
            _ = try Importer.importUsers(from: sample.appendingPathComponent("users.csv"), into: store)
            _ = try Importer.importEvents(from: sample.appendingPathComponent("events.csv"), into: store)
            let embedder = try SampleFixture.embedder(language)
            let pipeline = Pipeline(store: store, modelID: embedder.modelID, embedder: { embedder })
            try pipeline.ensureProfiles(try pipeline.catalog())
            topics = try pipeline.catalog().topics
            profiles = Dictionary(uniqueKeysWithValues: try store.profiles().map { ($0.user, $0) })
            truth = try JSONDecoder().decode(
                Truth.self, from: Data(contentsOf: sample.appendingPathComponent("truth.json")))

            let categoryOf = Dictionary(
                uniqueKeysWithValues: try store.items().map { ($0.id, $0.categories.first ?? "") })
            var counts = [Int: [String: Int]]()
            for (item, topic) in topics.itemTopics { counts[topic, default: [:]][categoryOf[item]!, default: 0] += 1 }
            var categories = [Int: Set<String>]()
            for topic in topics.fine {
                categories[topic.id] = Set(counts[topic.id, default: [:]].filter { 4 * $0.value >= topic.size }.keys)
                categories[topic.parent!, default: []].formUnion(categories[topic.id]!)
            }
            categoriesOfTopic = categories
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// The planted categories the top `k` interests of a layer stand for.
        func categories(_ layer: InterestLayer, top k: Int) -> Set<String> {
            layer.interests.prefix(k).reduce(into: Set<String>()) {
                $0.formUnion(categoriesOfTopic[$1.topic ?? -1] ?? [])
            }
        }

        /// The weight of the interests standing for `category` in a layer.
        func weight(of category: String, in layer: InterestLayer) -> Double {
            layer.interests.filter { categoriesOfTopic[$0.topic ?? -1]?.contains(category) == true }.reduce(0) {
                $0 + $1.weight
            }
        }
    }

    static let english = Result { try Built(.english) }
    static let chinese = Result { try Built(.chinese) }

    /// The sample in `language`, built once.
    static func built(_ language: SampleLanguage) throws -> Built {
        try (language == .english ? english : chinese).get()
    }

    /// How many of the planted interests `planted` picks out are among the top-3 interests of `layer`.
    func found(
        _ planted: KeyPath<Truth.User, [String]>, in layer: LayerKind, _ language: SampleLanguage
    ) throws -> (found: Int, planted: Int) {
        let built = try Self.built(language)
        var found = 0
        var total = 0
        for user in built.truth.users {
            let top = built.categories(try #require(built.profiles[user.id]).layer(layer), top: 3)
            found += user[keyPath: planted].filter(top.contains).count
            total += user[keyPath: planted].count
        }
        return (found, total)
    }

    @Test(arguments: SampleLanguage.allCases)
    func deepLayersTopThreeHoldThePlantedLongTermInterests(language: SampleLanguage) throws {
        let (found, planted) = try found(\.longTerm, in: .deep, language)
        #expect(
            Double(found) / Double(planted) >= 0.9,
            "deep top-3 holds \(found) of \(planted) planted long-term interests")
    }

    @Test(arguments: SampleLanguage.allCases)
    func surfaceLayersTopThreeHoldThePlantedRecentInterests(language: SampleLanguage) throws {
        let (found, planted) = try found(\.recent, in: .surface, language)
        #expect(
            Double(found) / Double(planted) >= 0.9,
            "surface top-3 holds \(found) of \(planted) planted recent interests")
    }

    @Test(arguments: SampleLanguage.allCases)
    func driftShowsInSurfaceAndMiddleBeforeDeep(language: SampleLanguage) throws {
        let built = try Self.built(language)
        var weights: [LayerKind: Double] = [:]
        let drifting = built.truth.users.filter(\.drifting)
        #expect(drifting.count > 100)
        for user in drifting {
            let profile = try #require(built.profiles[user.id])
            for kind in LayerKind.allCases {
                weights[kind, default: 0] += built.weight(of: user.driftTo!, in: profile.layer(kind))
            }
        }
        let mean = weights.mapValues { $0 / Double(drifting.count) }
        #expect(
            mean[.surface]! > mean[.middle]! && mean[.middle]! > mean[.deep]!,
            "mean weight of the new interest: \(mean)")
    }

    @Test(arguments: SampleLanguage.allCases)
    func topicsFollowTheCatalogsSubCategories(language: SampleLanguage) throws {
        let built = try Self.built(language)
        let pure = built.topics.fine.filter { built.categoriesOfTopic[$0.id]!.count == 1 }
        #expect(Double(pure.count) / Double(built.topics.fine.count) >= 0.9)
        #expect(built.topics.coarse.count >= 8)
    }
}

import Foundation
import StrataCore
import StrataEmbedding
import StrataMath
import StrataRecommend
import StrataSQLite
import StrataTestSupport
import Testing

@testable import StrataPipeline

/// The stages against a real SQLite file and the real MiniLM encoder, on a small catalog of three themes.
@Suite struct PipelineTests {
    /// The model, loaded once; a failed load fails the tests that need it, not the whole run.
    static let loaded = Result { try BertSentenceEmbedder(modelDirectory: RepositoryPaths.miniLM) }
    static func embedder() throws -> BertSentenceEmbedder { try loaded.get() }

    static let items: [Item] = {
        let themes: [(String, [String])] = [
            (
                "Movies>Space Opera",
                [
                    "A starship crew fights an evil galactic empire",
                    "Rebels steal plans for a planet-destroying space station",
                    "An admiral leads the last fleet across the galaxy",
                    "Smugglers race a starship through an asteroid field"
                ]
            ),
            (
                "Kitchen>Coffee",
                [
                    "A burr grinder for espresso beans", "A pour-over kettle for filter coffee",
                    "A milk frother for lattes and cappuccino", "Dark roast whole coffee beans from Colombia"
                ]
            ),
            (
                "Outdoors>Hiking",
                [
                    "Waterproof hiking boots for mountain trails", "A lightweight backpack for multi-day treks",
                    "Trekking poles for steep descents", "A compact tent for alpine camping"
                ]
            )
        ]
        return themes.enumerated().flatMap { t, theme in
            theme.1.enumerated().map { i, text in Item(id: "\(t)\(i)", title: text, categories: [theme.0]) }
        }
    }()

    final class Fixture {
        let folder: URL
        let store: SQLiteStore
        var logged = [String]()
        private(set) lazy var pipeline = makePipeline()

        init() throws {
            folder = try RepositoryPaths.temporaryFolder()
            store = try SQLiteStore(path: folder.appendingPathComponent("strata.sqlite").path)
            try store.write { writer in for item in PipelineTests.items { try writer.upsert(item) } }
        }

        func makePipeline() -> Pipeline {
            let pipeline = Pipeline(
                store: store, modelID: "all-MiniLM-L6-v2", embedder: { try PipelineTests.embedder() },
                log: { [weak self] in self?.logged.append($0) })
            pipeline.topicModeler.fineTopicCount = 3
            pipeline.topicModeler.coarseTopicCount = 2
            return pipeline
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    /// u-space: mostly space opera, then coffee lately; u-hike: hiking all along.
    static let events: [Event] =
        (0 ..< 8).map { Event(userID: "u-space", itemID: "0\($0 % 4)", type: .view, timestamp: Int64($0) * 86_400) }
        + [Event(userID: "u-space", itemID: "10", type: .purchase, timestamp: 9 * 86_400)]
        + (0 ..< 6).map { Event(userID: "u-hike", itemID: "2\($0 % 4)", type: .click, timestamp: Int64($0) * 3_600) }

    @Test func embeddingTouchesOnlyNewOrChangedItems() throws {
        let fixture = try Fixture()
        #expect(try fixture.pipeline.embedItems() == 12)
        #expect(try fixture.pipeline.embedItems() == 0)
        try fixture.store.write { writer in
            try writer.upsert(
                Item(id: "10", title: "A conical burr grinder for espresso", categories: ["Kitchen>Coffee"]))
            try writer.upsert(Item(id: "new", title: "A tripod for night sky photography"))
        }
        #expect(try fixture.pipeline.embedItems() == 2)
        let vectors = try fixture.store.loadEmbeddings(model: "all-MiniLM-L6-v2")
        let row = vectors.itemIDs.firstIndex(of: "10")!
        let expected = try Self.embedder().embed(
            Item(id: "10", title: "A conical burr grinder for espresso", categories: ["Kitchen>Coffee"]).embeddingText)
        #expect(zip(vectors.vectors.row(row), expected).allSatisfy { abs($0 - $1) <= 1e-6 }, "the same text's vector")
    }

    /// Counts the texts it is asked to encode, around the real encoder.
    final class CountingEmbedder: TextEmbedder, @unchecked Sendable {
        var texts = [String]()
        let base: BertSentenceEmbedder
        var modelID: String { base.modelID }
        var dimension: Int { base.dimension }
        init() throws { base = try PipelineTests.embedder() }
        func embed(_ texts: [String], progress: (@Sendable (Int) -> Void)?) -> Matrix {
            self.texts += texts
            return base.embed(texts, progress: progress)
        }
    }

    @Test func itemsSharingATextAreEncodedOnce() throws {
        let fixture = try Fixture()
        let counting = try CountingEmbedder()
        let pipeline = Pipeline(
            store: fixture.store, modelID: "all-MiniLM-L6-v2", embedder: { counting },
            log: { fixture.logged.append($0) })
        try fixture.store.write { writer in
            for i in 0 ..< 5 { try writer.upsert(Item(id: "bare\(i)", title: "", categories: ["4756105"])) }
        }
        #expect(try pipeline.embedItems() == 17)
        #expect(counting.texts.count == 13, "12 distinct catalog texts and one shared by the five bare items")
        #expect(fixture.logged.contains("embedding 17 items that lack a current vector (13 distinct texts)"))
        let vectors = try fixture.store.loadEmbeddings(model: "all-MiniLM-L6-v2")
        let bare = (0 ..< 5).map { vectors.vectors.row(vectors.itemIDs.firstIndex(of: "bare\($0)")!) }
        let shared = try Self.embedder().embed("Categories: 4756105")
        #expect(bare.allSatisfy { $0 == shared })
    }

    @Test func seenItemsAreExcludedAsAsked() throws {
        let fixture = try Fixture()
        try fixture.store.write { writer in for event in Self.events { try writer.insert(event) } }
        // u-space viewed 00–03 and bought 10.
        let purchased = try fixture.pipeline.recommender(
            excludeSeen: .purchased, catalog: try fixture.pipeline.catalog())
        let list = try purchased.recommend(users: ["u-space"], k: 11)[0].map(\.item)
        #expect(!list.contains("10") && list.contains("00"))
        let none = try fixture.pipeline.recommender(excludeSeen: .none, catalog: try fixture.pipeline.catalog())
        #expect(Set(try none.recommend(users: ["u-space"], k: 12)[0].map(\.item)) == Set(Self.items.map(\.id)))
        let interacted = try fixture.pipeline.recommender(catalog: try fixture.pipeline.catalog())
        #expect(
            Set(try interacted.recommend(users: ["u-space"], k: 7)[0].map(\.item)).isDisjoint(with: [
                "00", "01", "02", "03", "10"
            ]))
    }

    @Test func everyUserRankedBlockByBlockGetsTheListsOfHeldProfiles() throws {
        let fixture = try Fixture()
        try fixture.store.write { writer in for event in Self.events { try writer.insert(event) } }
        let held = try fixture.pipeline.recommender(catalog: try fixture.pipeline.catalog())
        let lean = try fixture.pipeline.recommender(catalog: try fixture.pipeline.catalog(), profiles: [])
        #expect(lean.contexts.values.allSatisfy { $0.profile == nil })
        #expect(held.contexts.values.allSatisfy { $0.profile != nil })
        var streamed = [String: [Recommendation]]()
        var blocks = 0
        try fixture.pipeline.recommendEveryUser(with: lean, k: 6, explain: true, usersPerBlock: 1) { users, lists in
            blocks += 1
            for (user, list) in zip(users, lists) { streamed[user] = list }
        }
        #expect(blocks == 2)
        let users = ["u-hike", "u-space"]
        #expect(streamed.keys.sorted() == users)
        let expected = try held.recommend(users: users, k: 6, explain: true)
        for (user, list) in zip(users, expected) {
            #expect(streamed[user] == list)
            #expect(list.allSatisfy { $0.reason != nil })
        }
        // Without the profiles the content generators score nothing: the lists would differ.
        #expect(try lean.recommend(users: users, k: 6, explain: true) != expected)
    }

    @Test func topicsAreFittedOnceFromAFreshImportAndNewItemsAreAssigned() throws {
        let fixture = try Fixture()
        let topics = try fixture.pipeline.catalog().topics
        #expect(fixture.logged.contains("embedding 12 items that lack a current vector"))
        #expect(fixture.logged.contains("fitting topics on 12 items"))
        for theme in 0 ..< 3 {
            #expect(Set((0 ..< 4).map { topics.itemTopics["\(theme)\($0)"]! }).count == 1, "theme \(theme) split")
        }
        #expect(topics.fine[topics.itemTopics["10"]!].label.hasPrefix("Coffee"))

        _ = try fixture.store.write {
            try $0.upsert(
                Item(id: "new", title: "An espresso machine with a steam wand", categories: ["Kitchen>Coffee"]))
        }
        fixture.logged.removeAll()
        let updated = try fixture.pipeline.catalog().topics
        #expect(
            fixture.logged == [
                "embedding 1 items that lack a current vector", "assigning 1 new items to their nearest topics"
            ])
        #expect(updated.itemTopics["new"] == topics.itemTopics["10"])
        #expect(updated.fine == topics.fine, "no refit")
        #expect(try fixture.store.topicModel(model: "all-MiniLM-L6-v2") == updated)
    }

    @Test func profilesFollowThePlantedInterests() throws {
        let fixture = try Fixture()
        try fixture.store.write { writer in for event in Self.events { try writer.insert(event) } }
        #expect(try fixture.pipeline.computeAllProfiles(try fixture.pipeline.catalog()) == 2)
        let topics = try fixture.pipeline.catalog().topics
        let space = try #require(try fixture.store.profile(user: "u-space"))
        #expect(
            space.middle.interests.first?.topic == topics.itemTopics["00"], "space opera dominates the decayed history")
        #expect(
            space.surface.interests.map(\.topic).contains(topics.itemTopics["10"]),
            "the recent coffee purchase is on the surface")
        #expect(space.deep.interests.first?.topic == topics.parent(of: topics.itemTopics["00"]!))
        let hike = try #require(try fixture.store.profile(user: "u-hike"))
        #expect(hike.middle.interests.map(\.topic) == [topics.itemTopics["20"]])
    }

    @Test func applyingEventsGivesExactlyTheProfilesOfAFullRecomputation() throws {
        let fixture = try Fixture()
        let (early, late) = (Array(Self.events.prefix(10)), Array(Self.events.dropFirst(10)))
        try fixture.store.write { writer in for event in early { try writer.insert(event) } }
        try fixture.pipeline.ensureProfiles(try fixture.pipeline.catalog())
        let next = late + [Event(userID: "u-new", itemID: "11", type: .like, timestamp: 20 * 86_400)]
        #expect(try fixture.pipeline.applyEvents(next).users == ["u-hike", "u-new"])
        let incremental = try fixture.store.profiles()

        fixture.logged.removeAll()
        try fixture.pipeline.ensureProfiles(try fixture.pipeline.catalog())
        #expect(fixture.logged.isEmpty, "after applyEvents the stored profiles are current")
        try fixture.pipeline.computeAllProfiles(try fixture.pipeline.catalog())
        #expect(try fixture.store.profiles() == incremental)
        #expect(incremental.map(\.user) == ["u-hike", "u-new", "u-space"])
    }

    @Test func importedEventsMakeStoredProfilesStale() throws {
        let fixture = try Fixture()
        try fixture.store.write { writer in for event in Self.events.prefix(5) { try writer.insert(event) } }
        try fixture.pipeline.ensureProfiles(try fixture.pipeline.catalog())
        try fixture.store.write { writer in for event in Self.events.dropFirst(5) { try writer.insert(event) } }
        fixture.logged.removeAll()
        try fixture.pipeline.ensureProfiles(try fixture.pipeline.catalog())
        #expect(fixture.logged == ["computing the interest profiles of 2 users"])
    }

    @Test func eventsForUnknownItemsAreRefusedWholly() throws {
        let fixture = try Fixture()
        let events = [
            Event(userID: "u", itemID: "00", type: .view, timestamp: 1),
            Event(userID: "u", itemID: "nope", type: .view, timestamp: 2)
        ]
        #expect(throws: PipelineError.unknownItem("nope")) { try fixture.pipeline.applyEvents(events) }
        #expect(try fixture.store.stats().events == 0)
    }
}

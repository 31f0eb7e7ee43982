import Foundation
import StrataMath
import StrataText
import Testing

@testable import StrataCore

@Suite struct ProfileBuilderTests {
    static let day: Int64 = 86_400

    /// Fine topics 0 Space, 1 Heist (both under coarse 3 Movies) and 2 Coffee (under coarse 4 Kitchen);
    /// items s1, s2 → Space, h1 → Heist, c1, c2 → Coffee, with unit vectors e1, e2, e3.
    static func builder(_ configure: (inout ProfileConfiguration) -> Void = { _ in }) -> ProfileBuilder {
        func topic(_ id: Int, _ label: String, _ level: Topic.Level, parent: Int?, centroid: [Float]) -> Topic {
            Topic(
                id: id, level: level, label: label, keywords: [], size: 1, parent: parent, representativeItems: [],
                centroid: centroid)
        }
        let model = TopicModel(
            modelID: "test",
            fine: [
                topic(0, "Space", .fine, parent: 3, centroid: [1, 0, 0]),
                topic(1, "Heist", .fine, parent: 3, centroid: [0, 1, 0]),
                topic(2, "Coffee", .fine, parent: 4, centroid: [0, 0, 1])
            ],
            coarse: [
                topic(3, "Movies", .coarse, parent: nil, centroid: VectorMath.normalized([1, 1, 0])),
                topic(4, "Kitchen", .coarse, parent: nil, centroid: [0, 0, 1])
            ],
            itemTopics: ["s1": 0, "s2": 0, "h1": 1, "c1": 2, "c2": 2])
        var configuration = ProfileConfiguration()
        configure(&configuration)
        return ProfileBuilder(
            topics: model, itemIDs: ["s1", "s2", "h1", "c1", "c2"],
            vectors: Matrix(rowVectors: [[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1]]),
            configuration: configuration)
    }

    static let events = [
        Event(userID: "u", itemID: "h1", type: .click, timestamp: 190 * day),
        Event(userID: "u", itemID: "s1", type: .view, timestamp: 0),
        Event(userID: "u", itemID: "c1", type: .purchase, timestamp: 10 * day),
        Event(userID: "u", itemID: "s2", type: .rating, timestamp: 100 * day, value: 4),
        Event(userID: "u", itemID: "c2", type: .search, timestamp: 190 * day, text: " Espresso Beans "),
        Event(userID: "u", itemID: "unknown", type: .purchase, timestamp: 50 * day)
    ]

    /// The builder hands back its vectors with their ids in byte order (as the stores list them): its own
    /// storage when its rows are in that order, else a copy in that order; a repeated id's earlier row,
    /// which no id names any more, is left out.
    @Test func embeddingsAreTheVectorsInIdOrder() {
        let builder = Self.builder()  // rows s1, s2, h1, c1, c2
        #expect(builder.embeddings.itemIDs == ["c1", "c2", "h1", "s1", "s2"])
        #expect(
            builder.embeddings.vectors == Matrix(rowVectors: [[0, 0, 1], [0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 0, 0]]))
        let sorted = ProfileBuilder(
            topics: builder.topics, itemIDs: ["B", "a", "b"],
            vectors: Matrix(rowVectors: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
        #expect(sorted.embeddings.itemIDs == ["B", "a", "b"])
        let shared = sorted.vectors.values.withUnsafeBufferPointer { own in
            sorted.embeddings.vectors.values.withUnsafeBufferPointer { $0.baseAddress == own.baseAddress }
        }
        #expect(shared)
        let repeated = ProfileBuilder(
            topics: builder.topics, itemIDs: ["s1", "h1", "s1"],
            vectors: Matrix(rowVectors: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
        #expect(
            repeated.embeddings
                == EmbeddingSet(itemIDs: ["h1", "s1"], vectors: Matrix(rowVectors: [[0, 1, 0], [0, 0, 1]])))
    }

    /// A Chinese review's phrase is its first three terms: character bigrams when the topics learned no words,
    /// the learned words (here from a hand-made corpus of 电影, 音乐, 咖啡, 小说) when they did; 喜欢 is in no
    /// word and 和 is a stop character.
    @Test func chineseReviewPhrasesAreTheWordsTheTopicsLearned() {
        let review = Event(userID: "u", itemID: "c1", type: .review, timestamp: 0, text: "喜欢电影音乐和小说")
        var topics = Self.builder().topics
        func phrase() -> String? {
            ProfileBuilder(topics: topics, itemIDs: [], vectors: Matrix(rows: 0, columns: 3)).phrase(of: review)
        }
        #expect(phrase() == "喜欢 欢电 电影")
        topics.lexicon = ChineseLexicon(texts: ["电影音乐", "音乐咖啡", "咖啡电影", "小说电影", "音乐小说", "咖啡小说"])
        #expect(phrase() == "电影 音乐 小说")
    }

    func weights(_ layer: InterestLayer) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: layer.interests.map { ($0.label, $0.weight) })
    }

    @Test func middleLayerDecaysWithTheHalfLifeFromTheLastEvent() {
        let profile = Self.builder().profile(user: "u", events: Self.events)
        #expect(profile.referenceTime == 190 * Self.day)
        #expect(profile.eventCount == 5, "events for items outside the catalog are left out")
        let space = 1 * pow(0.5, 190.0 / 90) + 0.8 * 0.5
        let coffee = 5 * 0.25 + 1.0
        let heist = 1.0
        let total = space + coffee + heist
        let w = weights(profile.middle)
        #expect(profile.middle.interests.map(\.label) == ["Coffee", "Heist", "Space"])
        #expect(abs(w["Coffee"]! - coffee / total) < 1e-12)
        #expect(abs(w["Heist"]! - heist / total) < 1e-12)
        #expect(abs(w["Space"]! - space / total) < 1e-12)
        #expect(profile.middle.interests[0].evidence == ["c1", "c2"], "strongest evidence first")
        // Vector: decayed weights over the items' vectors, normalised.
        let expected = VectorMath.normalized([Float(space), Float(heist), Float(coffee)])
        for (a, b) in zip(profile.middle.vector, expected) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func surfaceLayerHoldsTheLatestInteractionsAndWhatTheUserTyped() {
        let profile = Self.builder { $0.surfaceSize = 3 }.profile(user: "u", events: Self.events)
        // Latest three: s2 (rating 4 → 0.8), then c2 (search) and h1 (click) at the same time.
        #expect(profile.surface.interests.map(\.label) == ["Coffee", "Heist", "“espresso beans”", "Space"])
        let w = weights(profile.surface)
        #expect(abs(w["Coffee"]! - 1 / 3.8) < 1e-12 && abs(w["Space"]! - 0.8 / 3.8) < 1e-12)
        #expect(profile.surface.interests[2].evidence == ["c2"] && profile.surface.interests[2].topic == nil)
    }

    @Test func deepLayerScoresCoarseTopicsByConsistencyAcrossWindows() {
        // Two windows: {s1, c1} and {s2, c2, h1}; both coarse topics appear in both.
        let profile = Self.builder { $0.windowCount = 2 }.profile(user: "u", events: Self.events)
        let w = weights(profile.deep)
        #expect(abs(w["Movies"]! - (1.0 / 6 + 1.8 / 2.8) / 2) < 1e-12)
        #expect(abs(w["Kitchen"]! - (5.0 / 6 + 1 / 2.8) / 2) < 1e-12)
        #expect(profile.deep.interests.map(\.topic) == [4, 3])

        // Kitchen in both windows, Movies in one: consistency 1 × mean share 0.75 vs 0.5 × 0.25.
        let short = [
            Event(userID: "v", itemID: "c1", type: .view, timestamp: 1),
            Event(userID: "v", itemID: "s1", type: .view, timestamp: 2),
            Event(userID: "v", itemID: "c2", type: .view, timestamp: 3)
        ]
        let deep = weights(Self.builder { $0.windowCount = 2 }.profile(user: "v", events: short).deep)
        #expect(abs(deep["Kitchen"]! - 0.75 / 0.875) < 1e-12)
        #expect(abs(deep["Movies"]! - 0.125 / 0.875) < 1e-12)
    }

    @Test func lowRatingsLowerAnInterestUntilItDisappears() {
        // Space: view 1, then ratings 0.5 → −0.9 and 1.0 → −0.8: net −0.7, so it is no interest at all.
        let events = [
            Event(userID: "w", itemID: "s1", type: .view, timestamp: 0),
            Event(userID: "w", itemID: "s2", type: .rating, timestamp: 0, value: 0.5),
            Event(userID: "w", itemID: "s1", type: .rating, timestamp: 0, value: 1.0),
            Event(userID: "w", itemID: "c1", type: .view, timestamp: 0)
        ]
        let profile = Self.builder().profile(user: "w", events: events)
        #expect(profile.middle.interests.map(\.label) == ["Coffee"])
        // The vector keeps items with positive net weight: s1 (1 − 0.8) and c1 (1); s2 is left out.
        let expected = VectorMath.normalized([0.2, 0, 1])
        for (a, b) in zip(profile.middle.vector, expected) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func theSameEventsInAnyOrderGiveTheSameProfile() {
        let builder = Self.builder()
        let a = builder.profile(user: "u", events: Self.events)
        let b = builder.profile(user: "u", events: Self.events.reversed())
        #expect(a == b)
    }

    @Test func aHistoryGrownBatchByBatchGivesTheProfileOfAllItsEvents() {
        let builder = Self.builder {
            $0.windowCount = 2
            $0.surfaceSize = 3
        }
        // Batches in time order, then one that reaches back before the latest event, then a dislike and
        // two tags on one item in one second.
        let late = [
            Event(userID: "u", itemID: "s1", type: .rating, timestamp: 200 * Self.day, value: 1),
            Event(userID: "u", itemID: "h1", type: .tag, timestamp: 200 * Self.day, text: "vault"),
            Event(userID: "u", itemID: "h1", type: .tag, timestamp: 200 * Self.day, text: "crew")
        ]
        let batches = [Array(Self.events[1 ... 3]), [Self.events[0], Self.events[5]], [Self.events[4]], late]
        var history = ProfileHistory()
        var seen = [Event]()
        for batch in batches {
            history.add(batch, builder: builder)
            seen += batch
            // The reference: a profile built from scratch from every event so far, in the order a store gives them.
            let reference = builder.profile(
                user: "u", events: seen.sorted { ($0.timestamp, $0.itemID) < ($1.timestamp, $1.itemID) })
            #expect(builder.profile(user: "u", history: history) == reference)
        }
        #expect(history.count == 8, "the event for an item outside the catalog is left out")
    }

    @Test func aUserWithoutKnownItemsHasEmptyLayers() {
        let profile = Self.builder().profile(
            user: "x", events: [Event(userID: "x", itemID: "nope", type: .view, timestamp: 0)])
        #expect(profile.surface.interests.isEmpty && profile.middle.interests.isEmpty && profile.deep.interests.isEmpty)
        #expect(profile.deep.vector.allSatisfy { $0 == 0 })
    }
}

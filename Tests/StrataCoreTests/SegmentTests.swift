import Foundation
import StrataCluster
import StrataMath
import Testing

@testable import StrataCore

/// Segments on small hand-made data, checked against hand-computed values.
struct SegmentTests {
    /// Unit vector along axis `i` of `d`.
    static func axis(_ i: Int, _ d: Int = 3) -> [Float] { (0 ..< d).map { $0 == i ? 1 : 0 } }

    static func segment(_ id: Int, _ centroid: [Float], size: Int = 0) -> Segment {
        Segment(
            id: id, label: "s\(id)", keywords: [], topics: [], size: size, representativeUsers: [],
            representativeItems: [],
            cohesion: 0, centroid: centroid)
    }

    static func model(_ segments: [Segment], members: [String: Int], nextID: Int, temperature: Double = 0.5)
        -> SegmentModel
    {
        SegmentModel(
            layer: .deep, algorithm: "kmeans", segments: segments,
            memberships: members.mapValues { _ in SegmentMembership(user: "", segment: 0, memberships: []) }
                .reduce(into: [:]) { out, pair in
                    out[pair.key] = SegmentMembership(
                        user: pair.key, segment: members[pair.key]!,
                        memberships: [WeightedSegment(segment: members[pair.key]!, weight: 1)])
                },
            nextID: nextID, temperature: temperature, centroidWeights: segments.map { _ in 1 })
    }

    @Test func softMembershipsAreASoftmaxOfCosineSimilarities() throws {
        let model = Self.model([Self.segment(4, Self.axis(0)), Self.segment(9, Self.axis(1))], members: [:], nextID: 10)
        let m = try #require(model.membership(user: "u", vector: [0.6, 0.8, 0]))
        // weights ∝ exp(0.6 / 0.5), exp(0.8 / 0.5): 1 / (1 + e^0.4) and e^0.4 / (1 + e^0.4)
        #expect(m.segment == 9)
        #expect(m.memberships.map(\.segment) == [9, 4])
        #expect(abs(m.memberships[0].weight - 0.598688) < 1e-6 && abs(m.memberships[1].weight - 0.401312) < 1e-6)
        #expect(model.membership(user: "u", vector: [0, 0, 0]) == nil, "an empty layer has no segment")
    }

    @Test func matchingKeepsIdsAndReportsASplit() {
        let members = ["a": 5, "b": 5, "c": 5, "d": 5, "e": 7, "f": 7, "g": 7, "h": 7]
        let previous = Self.model(
            [Self.segment(5, Self.axis(0)), Self.segment(7, Self.axis(1))], members: members, nextID: 8)
        // A new fit: e…h alike (new 0 ≈ old 7), a, b stay (new 1 ≈ old 5), c, d form a new segment.
        let fresh = Self.model(
            [
                Self.segment(0, Self.axis(1)), Self.segment(1, VectorMath.normalized([1, 0.1, 0])),
                Self.segment(2, Self.axis(2))
            ],
            members: ["a": 1, "b": 1, "c": 2, "d": 2, "e": 0, "f": 0, "g": 0, "h": 0], nextID: 3)
        let (model, changes) = fresh.matched(to: previous)
        #expect(model.segments.map(\.id) == [5, 7, 8])
        #expect(model.segments.map(\.label) == ["s1", "s0", "s2"])
        #expect(model.membership(of: "a") == 5 && model.membership(of: "c") == 8 && model.membership(of: "e") == 7)
        #expect(model.nextID == 9)
        #expect(changes.births == [8] && changes.deaths == [])
        #expect(changes.splits == [SegmentChanges.Flow(from: [5], to: [5, 8])])
        #expect(changes.merges == [])
        #expect(changes.movedUsers == ["c", "d"] && changes.comparedUsers == 8)
    }

    @Test func matchingReportsAMergeAndADeath() {
        let members = ["a": 5, "b": 5, "c": 7, "d": 7]
        let previous = Self.model(
            [Self.segment(5, Self.axis(0)), Self.segment(7, Self.axis(1))], members: members, nextID: 8)
        let fresh = Self.model(
            [Self.segment(0, VectorMath.normalized([1, 0.2, 0]))], members: ["a": 0, "b": 0, "c": 0, "d": 0], nextID: 1)
        let (model, changes) = fresh.matched(to: previous)
        #expect(model.segments.map(\.id) == [5])
        #expect(changes.deaths == [7] && changes.births == [])
        #expect(changes.merges == [SegmentChanges.Flow(from: [5, 7], to: [5])])
        #expect(changes.movedUsers == ["c", "d"])
    }

    @Test func streamingUpdateMovesTheCentroidAndTheUser() throws {
        var model = Self.model(
            [Self.segment(0, Self.axis(0), size: 1), Self.segment(1, Self.axis(1), size: 0)],
            members: ["x": 0], nextID: 2)
        let update = try model.update(users: [("x", [0.6, 0.8, 0])], forgetting: 1)
        // Nearest centre axis 1 (‖p − e₁‖² = 0.4 < 0.8), weight 1 → 2: centre (0.3, 0.9), renormalised.
        let centre = model.segments[1].centroid
        #expect(abs(centre[0] - 0.3 / 0.9_486_833) < 1e-5 && abs(centre[1] - 0.9 / 0.9_486_833) < 1e-5)
        #expect(model.centroidWeights == [1, 2])
        #expect(update.moved == [SegmentUpdate.Move(user: "x", from: 0, to: 1)])
        #expect(model.segments.map(\.size) == [0, 1])
        #expect(model.movedSinceFit == 1 && update.drift == 1)
    }

    @Test func segmenterRecoversPlantedGroupsWithStableIdsAndDistinctLabels() throws {
        let d = 6
        var random = SeededRandom(seed: 7)
        let names = ["Books", "Movies", "Music"]
        let topics = TopicModel(
            modelID: "m", fine: [],
            coarse: names.indices.map { t in
                Topic(
                    id: t, level: .coarse, label: "\(names[t]): word\(t)", keywords: ["word\(t)", "shared", "term\(t)"],
                    size: 10,
                    parent: nil, representativeItems: [], centroid: Self.axis(t, d))
            }, itemTopics: [:])
        var profiles = [UserProfile]()
        var planted = [Int]()
        for (group, size) in [(1, 20), (0, 30), (2, 12)] {
            for _ in 0 ..< size {
                let vector = VectorMath.normalized(
                    (0 ..< d).map { c in (c == group ? 1 : 0) + Float(random.nextUnit() - 0.5) * 0.3 })
                let layer = InterestLayer(
                    interests: [Interest(label: names[group], weight: 1, evidence: ["i\(group)"], topic: group)],
                    vector: vector)
                profiles.append(
                    UserProfile(
                        user: "u\(profiles.count)", surface: layer, middle: layer, deep: layer, referenceTime: 0,
                        eventCount: 1))
                planted.append(group)
            }
        }
        let model = try Segmenter(layer: .deep, kRange: 2 ... 6).fit(profiles: profiles, topics: topics)
        #expect(model.segments.count == 3)
        #expect(try ClusterMetrics.adjustedRandIndex(planted, profiles.map { model.membership(of: $0.user)! }) == 1)
        // Ids run from the largest segment down; labels name the dominant topic and its distinctive keywords.
        #expect(model.segments.map(\.size) == [30, 20, 12])
        #expect(model.segments.map(\.label) == ["Books: term0, word0", "Movies: term1, word1", "Music: term2, word2"])
        #expect(model.segments.map(\.representativeItems) == [["i0"], ["i1"], ["i2"]])
        #expect(model.segments.allSatisfy { $0.cohesion > 0.5 })
        #expect(try Segmenter(layer: .deep, kRange: 2 ... 6).fit(profiles: profiles, topics: topics) == model)
        // Segmenting reads one layer: profiles cut to it (as the pipeline loads them) give the same segments.
        let cut = profiles.map { $0.keeping(only: .deep) }
        #expect(cut[0].surface.vector.isEmpty && cut[0].middle.interests.isEmpty && cut[0].deep == profiles[0].deep)
        #expect(try Segmenter(layer: .deep, kRange: 2 ... 6).fit(profiles: cut, topics: topics) == model)
    }

    /// Topics without keywords (a catalog known only by ids and categories) take part in the c-TF-IDF by
    /// their names: two segments whose strongest topic is the same are told apart by the topics that set
    /// them apart, and a label does not repeat its own topic as a keyword.
    @Test func labelsWithoutKeywordsAreToldApartByTheTopicsThatSetThemApart() {
        let names = ["c1 & c10", "c57", "c49"]
        let topics = TopicModel(
            modelID: "m", fine: [],
            coarse: names.indices.map {
                Topic(
                    id: $0, level: .coarse, label: names[$0], keywords: [], size: 10, parent: nil,
                    representativeItems: [], centroid: Self.axis($0))
            }, itemTopics: [:])
        func member(_ user: String, second: Int) -> UserProfile {
            let layer = InterestLayer(
                interests: [
                    Interest(label: names[0], weight: 1, evidence: ["i0"], topic: 0),
                    Interest(label: names[second], weight: 0.3, evidence: ["i\(second)"], topic: second)
                ], vector: Self.axis(0))
            return UserProfile(
                user: user, surface: layer, middle: layer, deep: layer, referenceTime: 0, eventCount: 2)
        }
        let labeler = SegmentLabeler(topics: topics, layer: .deep, keywordCount: 3, representativeCount: 2)
        let segments = labeler.segments(
            groups: [
                [member("a", second: 1), member("b", second: 1)], [member("c", second: 2)], [member("d", second: 2)]
            ],
            centroids: [Self.axis(0), Self.axis(0), Self.axis(0)], cohesion: [1, 1, 1])
        // The first two differ by their second topic; the last two share every topic, so they stay alike.
        #expect(segments.map(\.keywords) == [["c57"], ["c49"], ["c49"]])
        #expect(segments.map(\.label) == ["c1 & c10: c57", "c1 & c10: c49", "c1 & c10: c49"])
    }

    @Test func badParametersGetClearErrors() {
        let layer = InterestLayer(interests: [], vector: [1, 0])
        let profiles = (0 ..< 4).map {
            UserProfile(user: "u\($0)", surface: layer, middle: layer, deep: layer, referenceTime: 0, eventCount: 1)
        }
        let topics = TopicModel(modelID: "m", fine: [], coarse: [], itemTopics: [:])
        #expect(throws: SegmentError.invalidK(9, users: 4)) {
            try Segmenter(k: 9).fit(profiles: profiles, topics: topics)
        }
        #expect(throws: SegmentError.tooFewUsers(2, layer: .deep)) {
            try Segmenter().fit(profiles: Array(profiles.prefix(2)), topics: topics)
        }
    }
}

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
                profiles.append(
                    Self.planted(
                        user: "u\(profiles.count)", group: group, label: names[group], d: d, noise: 0.3, random: &random
                    ))
                planted.append(group)
            }
        }
        let model = try Segmenter(layer: .deep, kRange: 2 ... 6).fit(profiles: profiles, topics: topics)
        #expect(model.segments.count == 3)
        #expect(try ClusterMetrics.adjustedRandIndex(planted, profiles.map { model.membership(of: $0.user)! }) == 1)
        // Ids run from the largest segment down.
        #expect(model.segments.map(\.size) == [30, 20, 12])
        // Labels name the interest that sets each segment apart: everyone holds their own, so its lift is
        // 1 / (the segment's share of the users).
        #expect(model.segments.map(\.label) == ["Books", "Movies", "Music"])
        #expect(
            model.segments[0].distinctiveInterests == [
                DistinctiveInterest(
                    topic: 0, label: "Books", share: 1, populationShare: 30.0 / 62, lift: 1 / (30.0 / 62))
            ])
        #expect(model.segments.map(\.representativeItems) == [["i0"], ["i1"], ["i2"]])
        #expect(model.segments.allSatisfy { $0.cohesion > 0.5 })
        #expect(model.segments.allSatisfy { ($0.stability ?? 0) > 0.95 }, "\(model.segments.map(\.stability))")
        #expect(model.stability.map { $0 > 0.95 } == true)
        let choice = try #require(model.countChoice)
        #expect((choice.lower, choice.upper, choice.k, choice.segments) == (2, 6, 3, 3))
        #expect(choice.candidates.map(\.k) == Array(2 ... 6))
        #expect(try Segmenter(layer: .deep, kRange: 2 ... 6).fit(profiles: profiles, topics: topics) == model)
        // Segmenting reads one layer: profiles cut to it (as the pipeline loads them) give the same segments.
        let cut = profiles.map { $0.keeping(only: .deep) }
        #expect(cut[0].surface.vector.isEmpty && cut[0].middle.interests.isEmpty && cut[0].deep == profiles[0].deep)
        #expect(try Segmenter(layer: .deep, kRange: 2 ... 6).fit(profiles: cut, topics: topics) == model)
    }

    /// Topics without keywords (a catalog known only by ids and categories) take part in the c-TF-IDF by
    /// their names; two segments whose strongest topic is the same are told apart by the topics that set
    /// them apart, and labels never repeat.
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
        // The first two differ by their second topic (held by every member, by half of all users: lift 2); the
        // last two share every topic, so after their interests and keywords run out they are told apart by number.
        #expect(segments.map(\.keywords) == [["c57"], ["c49"], ["c49"]])
        #expect(segments.map(\.label) == ["c57", "c49 + c1 & c10 #1", "c49 + c1 & c10 #2"])
        #expect(segments.map { $0.distinctiveInterests?.map(\.lift) } == [[2, 1], [2, 1], [2, 1]])
    }

    /// A user planted in `group`: the same layer three times, holding one interest `label` on topic `group` (evidence
    /// item "i<group>") with a unit vector on axis `group` of `d` plus uniform noise of width `noise` from `random`.
    static func planted(
        user: String, group: Int, label: String, d: Int, noise: Float, random: inout SeededRandom
    ) -> UserProfile {
        let vector = VectorMath.normalized(
            (0 ..< d).map { c in (c == group ? 1 : 0) + Float(random.nextUnit() - 0.5) * noise })
        let layer = InterestLayer(
            interests: [Interest(label: label, weight: 1, evidence: ["i\(group)"], topic: group)], vector: vector)
        return UserProfile(user: user, surface: layer, middle: layer, deep: layer, referenceTime: 0, eventCount: 1)
    }

    /// `groups` blobs of `size` users each in `d` dimensions around the axes, each user holding its blob's topic
    /// (topic ids = blob numbers, named "T0", "T1", …), and the blob of every user.
    static func blobs(groups: Int, size: Int, d: Int, noise: Float, seed: UInt64) -> (
        profiles: [UserProfile], planted: [Int], topics: TopicModel
    ) {
        var random = SeededRandom(seed: seed)
        let topics = TopicModel(
            modelID: "m", fine: [],
            coarse: (0 ..< groups).map { t in
                Topic(
                    id: t, level: .coarse, label: "T\(t): w\(t)", keywords: ["w\(t)"], size: 10, parent: nil,
                    representativeItems: [], centroid: Self.axis(t, d))
            }, itemTopics: [:])
        var profiles = [UserProfile]()
        var planted = [Int]()
        for group in 0 ..< groups {
            for _ in 0 ..< size {
                profiles.append(
                    Self.planted(
                        user: "u\(profiles.count)", group: group, label: "T\(group)", d: d, noise: noise,
                        random: &random))
                planted.append(group)
            }
        }
        return (profiles, planted, topics)
    }

    /// The default criterion on 7 and 11 separated blobs: the planted number, recovered exactly, within the
    /// default range of 5…40, with the reason given and every segment's interest standing out.
    @Test(arguments: [7, 11])
    func theCountCriterionChoosesThePlantedNumberOfBlobs(planted k: Int) throws {
        let (profiles, planted, topics) = Self.blobs(groups: k, size: 24, d: 16, noise: 0.4, seed: 11)
        let model = try Segmenter().fit(profiles: profiles, topics: topics)
        let choice = try #require(model.countChoice)
        #expect(model.segments.count == k, "\(choice.reason)")
        #expect((choice.lower, choice.upper, choice.k, choice.segments) == (5, 40, k, k))
        #expect(choice.reason.hasPrefix("the best silhouette"), "\(choice.reason)")
        #expect(try ClusterMetrics.adjustedRandIndex(planted, profiles.map { model.membership(of: $0.user)! }) == 1)
        #expect(Set(model.segments.map(\.label)).count == k)
        #expect(model.segments.allSatisfy { ($0.distinctiveInterests?.first?.lift ?? 0) >= 1.5 })
        #expect(model.segments.allSatisfy { ($0.stability ?? 0) > 0.9 })
    }

    /// A user holds the topics of their three strongest positive topic interests; lift is the share of a group
    /// holding a topic over the share of everyone holding it.
    @Test func liftIsTheGroupsShareOverThePopulationsShare() {
        let layer = InterestLayer(
            interests: [
                Interest(label: "a", weight: 0.5, evidence: [], topic: 1),
                Interest(label: "a search phrase", weight: 0.3, evidence: []),
                Interest(label: "b", weight: 0.1, evidence: [], topic: 2),
                Interest(label: "disliked", weight: -0.2, evidence: [], topic: 3),
                Interest(label: "c", weight: 0.05, evidence: [], topic: 4),
                Interest(label: "d", weight: 0.01, evidence: [], topic: 5)
            ], vector: [1])
        let profile = UserProfile(
            user: "u", surface: layer, middle: layer, deep: layer, referenceTime: 0, eventCount: 6)
        #expect(SegmentInterests.held(profile, layer: .middle) == [1, 2, 4])

        // Users 0, 1 in group 0; users 2, 3, 4 in group 1. Topic 1: held by 3 of 5 (0.6), topic 2 by 2 (0.4),
        // topic 3 by 3 (0.6).
        let lifts = SegmentInterests.lifts(
            held: [[1, 2], [1], [2, 3], [3], [3, 1]], labels: [0, 0, 1, 1, 1], groups: 2)
        func close(_ got: [SegmentInterests.Lift], _ want: [(Int, Double, Double, Double)]) -> Bool {
            got.count == want.count
                && zip(got, want).allSatisfy {
                    $0.topic == $1.0 && abs($0.share - $1.1) < 1e-12 && abs($0.populationShare - $1.2) < 1e-12
                        && abs($0.lift - $1.3) < 1e-12
                }
        }
        // Group 0: topic 1 held by both (1 / 0.6 = 5/3), topic 2 by one (0.5 / 0.4 = 1.25).
        let group0: [(Int, Double, Double, Double)] = [(1, 1, 0.6, 5.0 / 3), (2, 0.5, 0.4, 1.25)]
        #expect(close(lifts[0], group0), "\(lifts[0])")
        // Group 1: topic 3 by all three (5/3), topic 2 and topic 1 by one each (1/3 / 0.4 = 5/6, 1/3 / 0.6 = 5/9).
        let group1: [(Int, Double, Double, Double)] = [
            (3, 1, 0.6, 5.0 / 3), (2, 1.0 / 3, 0.4, 5.0 / 6), (1, 1.0 / 3, 0.6, 5.0 / 9)
        ]
        #expect(close(lifts[1], group1), "\(lifts[1])")
        // Below a quarter of the group, a topic comes after every topic held more widely, whatever its lift: topic 9,
        // held by one of 8 members and nobody else (lift 0.125 / (1/16) = 2), comes after topic 1 (1 / 0.75).
        var held: [Set<Int>] = [[1, 9]]
        held += [Set<Int>](repeating: [1], count: 7)
        held += [Set<Int>](repeating: [1, 2], count: 4)
        held += [Set<Int>](repeating: [2], count: 4)
        let rare = SegmentInterests.lifts(held: held, labels: (0 ..< 16).map { $0 < 8 ? 0 : 1 }, groups: 2)
        #expect(rare[0].map(\.topic) == [1, 9] && rare[0][1].lift == 2 && abs(rare[0][0].lift - 4.0 / 3) < 1e-12)
        #expect(
            SegmentInterests.topLifts(held: held, labels: (0 ..< 16).map { $0 < 8 ? 0 : 1 }, groups: 2)[0]
                == rare[0][0].lift)
    }

    @Test func aKRangeThatCannotBeMetIsRefused() throws {
        let (profiles, _, topics) = Self.blobs(groups: 2, size: 5, d: 4, noise: 0.2, seed: 3)
        #expect(throws: SegmentError.kRangeUnmet(10 ... 12, users: 10, layer: .deep)) {
            try Segmenter(kRange: 10 ... 12).fit(profiles: profiles, topics: topics)
        }
        let message = "\(SegmentError.kRangeUnmet(10 ... 12, users: 10, layer: .deep))"
        #expect(
            message
                == "a k range of 10-12 cannot be met: only 10 users have a non-empty deep layer, and each segment needs users of its own; give a range below 10"
        )
        // A range partly beyond the users is cut to them; the default range narrows itself on a small store.
        #expect(try Segmenter(kRange: 2 ... 30).fit(profiles: profiles, topics: topics).countChoice?.upper == 9)
        let ten = try #require(try Segmenter().fit(profiles: profiles, topics: topics).countChoice)
        #expect(ten.lower == 5 && ten.upper == 9)
        let four = try #require(try Segmenter().fit(profiles: Array(profiles.prefix(4)), topics: topics).countChoice)
        #expect(four.lower == 3 && four.upper == 3)
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

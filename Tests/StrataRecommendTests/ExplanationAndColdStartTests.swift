import StrataCore
import StrataMath
import StrataRecommend
import Testing

/// Explanations and cold start on a hand-made catalog: two fine topics (space, heists) under one
/// coarse topic each.
@Suite struct ExplanationAndColdStartTests {
    let itemIDs = ["alien", "dune", "heat", "ronin"]
    let vectors = Matrix(rowVectors: [[1, 0], [0.8, 0.6], [0, 1], [0.28, 0.96]])
    var topics: TopicModel {
        func topic(_ id: Int, _ level: Topic.Level, _ label: String, parent: Int?, centroid: [Float]) -> Topic {
            Topic(
                id: id, level: level, label: label, keywords: [], size: 2, parent: parent, representativeItems: [],
                centroid: centroid)
        }
        return TopicModel(
            modelID: "test",
            fine: [
                topic(0, .fine, "space opera", parent: 2, centroid: [1, 0]),
                topic(1, .fine, "heist", parent: 3, centroid: [0, 1])
            ],
            coarse: [
                topic(2, .coarse, "science fiction", parent: nil, centroid: [1, 0]),
                topic(3, .coarse, "crime", parent: nil, centroid: [0, 1])
            ],
            itemTopics: ["alien": 0, "dune": 0, "heat": 1, "ronin": 1])
    }

    @Test func reasonNamesTheMatchingInterestAndTheNearestOwnItem() {
        let layer = { (interests: [Interest]) in InterestLayer(interests: interests, vector: [0, 0]) }
        let profile = UserProfile(
            user: "u", surface: layer([Interest(label: "heist", weight: 1, evidence: ["heat"], topic: 1)]),
            middle: layer([Interest(label: "space opera", weight: 0.6, evidence: ["alien"], topic: 0)]),
            deep: layer([Interest(label: "science fiction", weight: 1, evidence: ["alien"], topic: 2)]),
            referenceTime: 0, eventCount: 2)
        let explainer = Explainer(
            topics: topics, itemIDs: itemIDs, itemVectors: vectors, titles: ["dune": "Dune", "alien": "Alien"])
        let user = UserContext(user: "u", items: [0, 2], profile: profile)
        // Dune is a space opera: not in the surface layer, first found in the middle layer; of the
        // user's items Alien (cosine 0.8) is nearer than Heat (0.6).
        let reason = explainer.explain(item: 1, for: user)
        #expect(reason.layer == .middle && reason.interest == "space opera" && reason.evidence == "alien")
        #expect(reason.text == "Dune: matches your middle interest space opera, like Alien which you have")
        // Ronin is a heist: the surface layer serves it; Heat (0.96) is the nearest own item.
        let ronin = explainer.explain(item: 3, for: user)
        #expect(ronin.layer == .surface && ronin.interest == "heist" && ronin.evidence == "heat")
    }

    @Test func textColdStartRanksItemsByCosineAndNamesTopics() {
        let coldStart = TextColdStart(topics: topics, itemIDs: itemIDs, itemVectors: vectors)
        let heists = VectorMath.normalized([0.1, 1])
        #expect(coldStart.recommend(text: heists, k: 2).map(\.item) == ["heat", "ronin"])
        #expect(coldStart.recommend(text: heists, k: 1)[0].topic.label == "heist")
        #expect(coldStart.nearestTopics(text: heists, count: 1)[0].topic.label == "heist")
    }

    @Test func attributesPickTheSegmentWhoseMembersShareThem() {
        let attributes: [String: [String: String]] = [
            "a": ["age": "18-24", "gender": "f"], "b": ["age": "18-24", "gender": "m"],
            "c": ["age": "18-24", "gender": "f"],
            "d": ["age": "55+", "gender": "m"], "e": ["age": "55+", "gender": "m"]
        ]
        let model = AttributeColdStart(attributes: attributes, segments: ["a": 0, "b": 0, "c": 0, "d": 1, "e": 1])
        // Segment 0: P(18-24) = (3+1)/(3+2), P(m) = (1+1)/(3+2); segment 1: (0+1)/(2+2), (2+1)/(2+2).
        #expect(model.segment(for: ["age": "18-24"]) == 0)
        #expect(model.segment(for: ["age": "55+", "gender": "m"]) == 1)
        // Unknown attributes fall back to the larger segment.
        #expect(model.segment(for: ["shoe": "42"]) == 0)
    }
}

import Foundation
import StrataCore
import StrataMath
import Testing

@testable import StrataEvaluation

/// The layer evaluation's metrics against values computed by hand.
@Suite struct LayerEvaluationTests {
    typealias Key = LayerEvaluation.Key

    @Test func precisionNDCGAndCalibrationOfOnePrediction() {
        // Top 3 predicted: fine topics 0, 1, 2; the future: topic 1 twice, topic 3 once.
        let scores = LayerEvaluation.score(
            [.topic(0): 0.5, .topic(1): 0.3, .topic(2): 0.2], against: [.topic(1): 2, .topic(3): 1], k: 3)
        #expect(abs(scores.precision - 1.0 / 3) < 1e-12)
        // DCG = 2 / log2(3); ideal = 2 / 1 + 1 / log2(3).
        #expect(abs(scores.ndcg - (2 / log2(3.0)) / (2 + 1 / log2(3.0))) < 1e-12)
        // Total variation between (0.5, 0.3, 0.2, 0) and (0, 2/3, 0, 1/3): (0.5 + 11/30 + 0.2 + 1/3) / 2 = 0.7.
        #expect(abs(scores.calibration - 0.3) < 1e-12)
    }

    /// Items a and c in fine topic 0 (coarse 2), b in fine topic 1 (coarse 3).
    static var topics: TopicModel {
        let topic = { (id: Int, parent: Int?, level: Topic.Level) in
            Topic(
                id: id, level: level, label: "t\(id)", keywords: [], size: 1, parent: parent, representativeItems: [],
                centroid: [1, 0])
        }
        return TopicModel(
            modelID: "test", fine: [topic(0, 2, .fine), topic(1, 3, .fine)],
            coarse: [topic(2, nil, .coarse), topic(3, nil, .coarse)], itemTopics: ["a": 0, "b": 1, "c": 0])
    }

    @Test func theBaselinesOfATinyLogAreTheHandCountedOnes() throws {
        // u views a a b a c b b b a b: the last two (a, b) are held out. Train: topic 0 four times, topic 1 four.
        let items = ["a", "a", "b", "a", "c", "b", "b", "b", "a", "b"]
        let events = items.enumerated().map {
            Event(userID: "u", itemID: $0.element, type: .view, timestamp: Int64($0.offset) * 3_600)
        }
        let builder = ProfileBuilder(
            topics: Self.topics, itemIDs: ["a", "b", "c"], vectors: Matrix(rowVectors: [[1, 0], [0, 1], [1, 0]]))
        let report = try LayerEvaluation(
            events: events, builder: builder, topics: Self.topics, itemCategories: ["a": ["X>Y"], "b": ["Z"]]
        ).run()
        func row(_ horizon: LayerEvaluation.Horizon, _ level: LayerEvaluation.Level, _ predictor: String) throws
            -> LayerReport.Row
        {
            try #require(report.rows.first { $0.horizon == horizon && $0.level == level && $0.predictor == predictor })
        }
        // Next events (both held-out ones): topics 0 and 1 once each; all history: 0 and 1 four times each.
        let history = try row(.nextEvents, .topics, "all-history frequency")
        #expect(abs(history.precisionAtK - 2.0 / 3) < 1e-12 && abs(history.ndcgAtK - 1) < 1e-12)
        #expect(abs(history.calibration - 1) < 1e-12 && history.users == 1)
        // The deep layer's level is the coarse topics: 2 and 3, likewise.
        #expect(abs(try row(.remainder, .topics, "all-history frequency").calibration - 1) < 1e-12)
        // Categories: train a a b a (c has none) b b b → Y 3, Z 4; held out a, b → Y 1/2, Z 1/2.
        let categories = try row(.nextEvents, .categories, "all-history frequency")
        #expect(abs(categories.calibration - (1 - (abs(3.0 / 7 - 0.5) + abs(4.0 / 7 - 0.5)) / 2)) < 1e-12)
        #expect(report.rows.contains { $0.predictor == "surface" && $0.horizon == .nextEvents })
        #expect(report.rows.contains { $0.predictor == "deep" && $0.horizon == .later })
        // Later window: the last half of the two held-out rows, b alone.
        #expect(abs(try row(.later, .topics, "all-history frequency").precisionAtK - 1.0 / 3) < 1e-12)
    }

    @Test func aLogTooShortForASplitSaysSo() throws {
        let events = (0 ..< 4).map { Event(userID: "u", itemID: "a", type: .view, timestamp: Int64($0)) }
        let builder = ProfileBuilder(topics: Self.topics, itemIDs: ["a"], vectors: Matrix(rowVectors: [[1, 0]]))
        #expect(throws: LayerEvaluationError.tooFewEvents) {
            try LayerEvaluation(events: events, builder: builder, topics: Self.topics).run()
        }
    }
}

/// The layer settings chosen per store on its train events.
@Suite struct LayerTunerTests {
    @Test func aLogWhoseLatestInterestsLeadGetsARecencyDecayInTheSurface() throws {
        // Six users view topic 0 (item a) ten times, then topic 1 (item b) fifteen times. Held out: five b.
        // Undecayed, the surface of the 20 train events ties 10 to 10 and lists topic 0 first; any decay puts
        // topic 1 first. On the validation cut (10 a, 6 b, then 4 b) only a decay ranks topic 1 first.
        let events = (0 ..< 6).flatMap { u in
            (0 ..< 25).map { n in
                Event(userID: "u\(u)", itemID: n < 10 ? "a" : "b", type: .view, timestamp: Int64(u * 100 + n) * 60)
            }
        }
        let topics = LayerEvaluationTests.topics
        let make = { (configuration: ProfileConfiguration) in
            ProfileBuilder(
                topics: topics, itemIDs: ["a", "b", "c"], vectors: Matrix(rowVectors: [[1, 0], [0, 1], [1, 0]]),
                configuration: configuration)
        }
        var evaluation = LayerEvaluation(events: events, builder: make(ProfileConfiguration()), topics: topics)
        let before = try evaluation.run()
        let chosen = try LayerTuner(evaluation: evaluation, builder: make).run(from: ProfileConfiguration())
        #expect(chosen.surfaceDecay == 0.9, "the first decay that puts topic 1 first")
        evaluation.builder = make(chosen)
        let after = try evaluation.run()
        func surface(_ report: LayerReport) -> Double? {
            report.rows.first { $0.horizon == .nextEvents && $0.level == .topics && $0.predictor == "surface" }?.ndcgAtK
        }
        #expect(abs((surface(before) ?? 0) - 1 / log2(3.0)) < 1e-12)
        #expect(surface(after) == 1)
    }
}

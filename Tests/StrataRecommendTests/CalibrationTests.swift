import Foundation
import StrataCore
import StrataMath
import StrataRecommend
import Testing

/// Steck's calibrated re-ranking, checked against values worked out by hand.
@Suite struct CalibrationTests {
    /// Items 0, 1 and 3 are about topic 0, item 2 about topic 1.
    static let itemTopics: [Int32] = [0, 0, 1, 0]
    /// Scores 1, 0.9, 0.8, 0.5: relevance over the pool 1, 0.8, 0.6, 0.
    static let pool = [
        (index: 0, score: Float(1)), (index: 1, score: Float(0.9)), (index: 3, score: Float(0.8)),
        (index: 2, score: Float(0.5))
    ]

    static func layer(_ interests: [(topic: Int?, weight: Double)]) -> InterestLayer {
        InterestLayer(
            interests: interests.map { Interest(label: "t", weight: $0.weight, evidence: [], topic: $0.topic) },
            vector: [])
    }

    static func user(surface: [(topic: Int?, weight: Double)], middle: [(topic: Int?, weight: Double)]) -> UserContext {
        let profile = UserProfile(
            user: "u", surface: layer(surface), middle: layer(middle), deep: layer([]),
            referenceTime: 0, eventCount: 1)
        return UserContext(user: "u", items: [], profile: profile)
    }

    /// Half topic 0, half topic 1.
    static let balanced = user(surface: [(0, 0.5), (1, 0.5)], middle: [(0, 0.5), (1, 0.5)])

    @Test func theTargetIsTheSurfaceAndMiddleTopicMixAveraged() {
        // Surface: topics 3 and 4 share 0.8 (0.625, 0.375); the phrase without a topic is left out. Middle: topic 3 alone.
        let context = Self.user(surface: [(3, 0.5), (4, 0.3), (nil, 0.2)], middle: [(3, 1)])
        let mix = Calibrator.targetMix(of: context.profile)
        #expect(mix.count == 2)
        #expect(abs(mix[3]! - 0.8125) < 1e-12)
        #expect(abs(mix[4]! - 0.1875) < 1e-12)
        #expect(Calibrator.targetMix(of: nil).isEmpty)
    }

    @Test func calibrationTradesRelevanceForTheUsersMix() throws {
        // Second pick, λ = 0.5: item 1 (topic 0 again) has KL(p‖q̃) = ½ln(0.5/0.995) + ½ln(0.5/0.005) = 1.9585,
        // value 0.5·0.8 − 0.5·1.9585 = −0.579; item 2 (topic 1) makes q = p, KL 0, value 0 → item 2.
        let calibrated = try Calibrator(lambda: 0.5, itemTopics: Self.itemTopics).rerank(
            Self.pool, k: 2, for: Self.balanced)
        #expect(calibrated.map(\.item) == [0, 2])
        #expect(calibrated.map(\.score) == [1, 0.5], "each item keeps its own score")
        // λ = 0.1: item 1 scores 0.9·0.8 − 0.1·1.9585 = 0.524 > item 2's 0 → the plain order.
        #expect(
            try Calibrator(lambda: 0.1, itemTopics: Self.itemTopics).rerank(Self.pool, k: 2, for: Self.balanced).map(
                \.item) == [0, 1])
        #expect(
            try Calibrator(lambda: 0, itemTopics: Self.itemTopics).rerank(Self.pool, k: 3, for: Self.balanced).map(
                \.item) == [0, 1, 3])
        #expect(throws: RecommendError.self) { try Calibrator(lambda: -0.1, itemTopics: Self.itemTopics) }
    }

    @Test func aUserWithoutTopicInterestsKeepsTheRanking() throws {
        let calibrator = try Calibrator(lambda: 0.9, itemTopics: Self.itemTopics)
        #expect(calibrator.rerank(Self.pool, k: 3, for: UserContext(user: "new", items: [])).map(\.item) == [0, 1, 3])
        let phrasesOnly = Self.user(surface: [(nil, 1)], middle: [])
        #expect(calibrator.rerank(Self.pool, k: 3, for: phrasesOnly).map(\.item) == [0, 1, 3])
    }

    @Test func interestCoverageIsTheShareOfTheMixTheSlateShows() {
        let mix: [Int32: Double] = [0: 0.7, 1: 0.3]
        #expect(Calibrator.interestCoverage(of: [0, 1], mix: mix, itemTopics: Self.itemTopics) == 0.7)
        #expect(Calibrator.interestCoverage(of: [2], mix: mix, itemTopics: Self.itemTopics) == 0.3)
        #expect(Calibrator.interestCoverage(of: [0, 2], mix: mix, itemTopics: Self.itemTopics) == 1)
    }

    @Test func theParametersPickCalibrationOverDiversity() throws {
        var parameters = HybridParameters()
        let vectors = Matrix(rowVectors: [[1, 0], [1, 0], [0, 1], [1, 0]])
        #expect(try parameters.reranker(itemVectors: vectors, itemTopics: Self.itemTopics) == nil)
        parameters.diversity = 0.2
        #expect(try parameters.reranker(itemVectors: vectors, itemTopics: Self.itemTopics) is Diversifier)
        parameters.calibration = 0.3
        let calibrator = try #require(
            try parameters.reranker(itemVectors: vectors, itemTopics: Self.itemTopics) as? Calibrator)
        #expect(calibrator.lambda == 0.3)
    }

    @Test func olderStoredParametersDecodeWithoutCalibration() throws {
        let stored = #"{"diversity": 0.1}"#
        let parameters = try JSONDecoder().decode(HybridParameters.self, from: Data(stored.utf8))
        #expect(parameters.calibration == 0)
        #expect(parameters.diversity == 0.1)
    }
}

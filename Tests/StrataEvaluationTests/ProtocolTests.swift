import Foundation
import Testing

@testable import StrataEvaluation

@Suite struct RankingMetricTests {
    // Ranked a, b, c, d, e; relevant b, e, z (z never recommended).
    let ranked = ["a", "b", "c", "d", "e"]
    let relevant: Set<String> = ["b", "e", "z"]

    @Test func recallAndHitRateCountHitsInTheTopK() {
        #expect(RankingMetrics.recall(ranked, relevant: relevant, k: 2) == 1.0 / 3)
        #expect(RankingMetrics.recall(ranked, relevant: relevant, k: 5) == 2.0 / 3)
        #expect(RankingMetrics.hitRate(ranked, relevant: relevant, k: 1) == 0)
        #expect(RankingMetrics.hitRate(ranked, relevant: relevant, k: 2) == 1)
    }

    @Test func ndcgUsesBinaryGainsAndIdealOverMinOfKAndRelevant() {
        // DCG@5 = 1/log2(3) + 1/log2(6); IDCG@5 over 3 relevant = 1 + 1/log2(3) + 1/log2(4).
        let dcg = 1 / log2(3.0) + 1 / log2(6.0)
        #expect(abs(RankingMetrics.ndcg(ranked, relevant: relevant, k: 5) - dcg / (1 + 1 / log2(3.0) + 0.5)) < 1e-12)
        // At k = 2 the ideal has only two hits: 1 + 1/log2(3).
        #expect(
            abs(RankingMetrics.ndcg(ranked, relevant: relevant, k: 2) - (1 / log2(3.0)) / (1 + 1 / log2(3.0))) < 1e-12)
        #expect(RankingMetrics.ndcg(["z"], relevant: relevant, k: 10) == 1 / (1 + 1 / log2(3.0) + 0.5))
    }

    @Test func reciprocalRankIsOfTheFirstHitWithinK() {
        #expect(RankingMetrics.reciprocalRank(ranked, relevant: relevant, k: 10) == 0.5)
        #expect(RankingMetrics.reciprocalRank(ranked, relevant: relevant, k: 1) == 0)
    }

    @Test func reportAveragesOverTestUsersAndMeasuresCoverage() {
        let report = RankingReport(
            recommendations: ["u1": ["a", "b"], "u2": ["c"]],
            heldOut: ["u1": ["b"], "u2": ["x"], "u3": ["a"]],
            catalogSize: 10)
        #expect(report.users == 3)
        #expect(abs(report.hitRateAt10 - 1.0 / 3) < 1e-12, "u3 has no list and counts as a miss")
        #expect(abs(report.mrrAt10 - 0.5 / 3) < 1e-12)
        #expect(report.coverageAt10 == 0.3)
    }
}

@Suite struct TemporalSplitTests {
    func history(_ user: String, _ items: [(String, Int64)]) -> [Interaction] {
        items.map { Interaction(user: user, item: $0.0, timestamp: $0.1) }
    }

    @Test func testSizeRoundsHalfToEvenWithAtLeastOne() {
        // 0.2·n: 5→1, 7→1.4→1, 8→1.6→2, 12→2.4→2, 13→2.6→3; 0.2·n = x.5 cases: n=… none for 0.2 exactly,
        // so check the rounding rule itself with fraction 0.5: 5→2.5→2, 7→3.5→4.
        #expect(
            [5, 7, 8, 12, 13].map { TemporalSplit.testCount($0, fraction: 0.2, minimumInteractions: 5) } == [
                1, 1, 2, 2, 3
            ])
        #expect(TemporalSplit.testCount(5, fraction: 0.5, minimumInteractions: 5) == 2)
        #expect(TemporalSplit.testCount(7, fraction: 0.5, minimumInteractions: 5) == 4)
        #expect(TemporalSplit.testCount(4, fraction: 0.2, minimumInteractions: 5) == 0)
    }

    @Test func lastInteractionsByTimeThenNumericItemIdGoToTest() {
        // Same timestamp for items 10 and 9: numeric order puts 9 first, so 10 is the last one.
        let log =
            history("u", [("10", 500), ("3", 100), ("9", 500), ("4", 200), ("7", 300), ("8", 400)])
            + history("short", [("1", 1), ("2", 2), ("3", 3), ("4", 4)])
        let split = TemporalSplit(log)
        #expect(split.test.map(\.item) == ["10"])
        #expect(split.train.filter { $0.user == "u" }.map(\.item) == ["3", "4", "7", "8", "9"])
        #expect(split.train.filter { $0.user == "short" }.count == 4, "users under 5 interactions stay in train")
    }
}

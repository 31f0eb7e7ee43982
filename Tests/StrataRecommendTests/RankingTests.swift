import StrataMath
import StrataRecommend
import Testing

/// A generator with fixed scores, for testing the ranker by hand.
struct FixedScores: CandidateGenerator {
    let name: String
    let rows: [[Float]]
    func scores(for users: [UserContext]) -> Matrix { Matrix(rowVectors: users.indices.map { rows[$0] }) }
}

@Suite struct RankingTests {
    @Test func minMaxNormalisesOverCandidatesAndExcludesOwnItems() {
        var scores = Matrix(rowVectors: [[10, 2, 4, 6]])
        ScoreNormalization.minMax(&scores, users: [UserContext(user: "u", items: [0])])
        // Item 0 is the user's: −∞; the rest spans 2…6.
        #expect(scores.values == [-.infinity, 0, 0.5, 1])
    }

    @Test func minMaxOverRowsLongerThanOneVectorLaneAndConstantRows() {
        // 19 columns: the minimum (−5) sits in the first eight, the maximum (15) in the last three, an own
        // item (column 9, score 100) and a generator's −∞ (column 4) are left out of the range.
        var row = (0 ..< 19).map { Float($0) - 3 }
        row[2] = -5
        row[4] = -.infinity
        row[9] = 100
        var scores = Matrix(rowVectors: [row, [Float](repeating: 7, count: 19)])
        let users = [UserContext(user: "u", items: [9]), UserContext(user: "v", items: [0])]
        ScoreNormalization.minMax(&scores, users: users)
        let expected = row.indices.map { c -> Float in c == 9 || c == 4 ? -.infinity : (row[c] + 5) / 20 }
        #expect(scores.row(0) == expected)
        #expect(scores.row(1) == [-.infinity] + [Float](repeating: 0, count: 18))
    }

    @Test func hybridBlendsNormalisedScoresAndNeverRecommendsOwnItems() {
        let first = FixedScores(name: "x", rows: [[1, 100, 2, 3, 4]])  // over items 0,2,3,4 (item 1 is own): 0, 1/3, 2/3, 1
        let second = FixedScores(name: "y", rows: [[0, 50, 40, 20, 10]])  // over items 0,2,3,4: 0, 1, 0.5, 0.25
        let user = UserContext(user: "u", items: [1])
        let ranker = HybridRanker(components: [(first, 1), (second, 2)])
        // Blend: item0 1 + 0 = 1; item2 1/3 + 2 = 2.333; item3 2/3 + 1 = 1.667; item4 1 + 0.5 = 1.5.
        let top = ranker.recommend(for: [user], k: 10)[0]
        #expect(top.map(\.item) == [2, 3, 4, 0])
        #expect(abs(top[0].score - 7.0 / 3) < 1e-5)
    }

    @Test func mmrTradesRelevanceForVariety() throws {
        // Items 0 and 1 point the same way; item 2 elsewhere. Scores 1, 0.9, 0.5.
        let vectors = Matrix(rowVectors: [[1, 0], [1, 0], [0, 1]])
        let pool = [(index: 0, score: Float(1)), (index: 1, score: Float(0.9)), (index: 2, score: Float(0.5))]
        let plain = try Diversifier(lambda: 0, itemVectors: vectors).rerank(pool, k: 2)
        #expect(plain.map(\.item) == [0, 1])
        // λ = 0.5: after item 0, item 1 scores 0.5·0.8 − 0.5·1 = −0.1, item 2 scores 0.5·0 − 0 = 0.
        let varied = try Diversifier(lambda: 0.5, itemVectors: vectors).rerank(pool, k: 2)
        #expect(varied.map(\.item) == [0, 2])
        #expect(throws: RecommendError.self) { try Diversifier(lambda: 2, itemVectors: vectors) }
    }
}

import StrataCore
import StrataMath
import StrataRecommend
import Testing

/// The generators real shop logs need — category shelves, co-visitation, trending — against values
/// computed by hand on tiny logs.
@Suite struct ShopGeneratorTests {
    /// Users' distinct items: a 3 users, b 1, c 2, d 1, e 0. Categories a X, b X, c Y, d X and Y, e X.
    let shop = InteractionMatrix(
        itemIDs: ["a", "b", "c", "d", "e"],
        histories: [("u0", ["a"]), ("u1", ["a", "b"]), ("u2", ["a", "c"]), ("u3", ["c", "d"])])
    var shelves: ItemCategories {
        ItemCategories(
            itemIDs: shop.itemIDs, categories: ["a": ["X"], "b": ["X"], "c": ["Y"], "d": ["X", "Y"], "e": ["X"]])
    }

    @Test func categoryShelvesRankCategoriesFirstThenPopularityThenTheLowerID() throws {
        // u3 visited c (Y) then d (X, Y): weights X 1, Y 2 over a window of 20 at decay 1.
        // Shelf X by users: a 3, then b 1 and d 1 tied (b's id is lower); shelf Y: c 2, d 1. A shelf's k-th
        // item (from 0) adds 0.01 · (1 − k/500); everyone's k-th most popular (a, c, b, d) adds 0.0001 · (1 − k/500).
        let generator = try CategoryPopularity(fitting: shop, categories: shelves, recentWindow: 20)
        let u3 = shop.context(row: 3)
        let scores = generator.scores(for: [u3]).values
        let order = { (k: Double) in 1 - k / 500 }
        let expected: [Double] = [
            1 + 0.01 * order(0) + 0.0001 * order(0),  // a: shelf X first
            1 + 0.01 * order(1) + 0.0001 * order(2),  // b: shelf X second
            2 + 0.01 * order(0) + 0.0001 * order(1),  // c: shelf Y first
            (1 + 0.01 * order(2)) + (2 + 0.01 * order(1)) + 0.0001 * order(3),  // d: on both shelves
            0  // e: nobody had it
        ]
        for (got, want) in zip(scores, expected) { #expect(abs(Double(got) - want) < 1e-5) }
        #expect(generator.candidates(for: u3, count: 5) == [0, 1], "d and c are u3's own; a, then b")
    }

    @Test func categoryShelvesWeighOlderVisitsByTheDecay() throws {
        // Decay 0.5: d (latest) counts 1 for X and Y, c counts 0.5 for Y: X 1, Y 1.5. A window of 1 sees d
        // alone: X 1, Y 1; d is on both shelves (about 2), then a and c each lead a shelf (1.01) and everyone's
        // order (a before c) breaks their tie.
        let decayed = try CategoryPopularity(fitting: shop, categories: shelves, recentWindow: 20, decay: 0.5)
        let u3 = shop.context(row: 3)
        let scores = decayed.scores(for: [u3]).values
        #expect(abs(scores[2] - Float(1.5 + 0.01 + 0.0001 * (1 - 1.0 / 500))) < 1e-5)
        let latest = try CategoryPopularity(fitting: shop, categories: shelves, recentWindow: 1)
        var newcomer = UserContext(user: "n", items: [])
        newcomer.recent = [3]
        #expect(latest.candidates(for: newcomer, count: 3) == [3, 0, 2])
    }

    @Test func categoryShelvesBreakTiesByNumericIDs() throws {
        // Three items with one user each in one category: ids 10, 9, 100 go 9, 10, 100 (not "10" < "100" < "9").
        let matrix = InteractionMatrix(
            itemIDs: ["10", "100", "9", "5"], histories: [("u", ["10", "100", "9"]), ("v", ["5"])])
        let categories = ItemCategories(
            itemIDs: matrix.itemIDs, categories: ["10": ["Z"], "100": ["Z"], "9": ["Z"], "5": ["Z"]])
        let generator = try CategoryPopularity(fitting: matrix, categories: categories, recentWindow: 5)
        let visitor = matrix.context(row: 1)
        #expect(generator.candidates(for: visitor, count: 3) == [2, 0, 1])
    }

    @Test func categoryShelvesRefuseBadSettings() {
        #expect(throws: RecommendError.self) {
            try CategoryPopularity(fitting: shop, categories: shelves, recentWindow: 5, decay: 0)
        }
        #expect(throws: RecommendError.self) {
            try CategoryPopularity(fitting: shop, categories: shelves, recentWindow: -1)
        }
    }

    /// Visits: u0 a b c b, u1 a b, u2 d a.
    let visits = InteractionMatrix(
        itemIDs: ["a", "b", "c", "d"],
        histories: [("u0", ["a", "b", "c", "b"]), ("u1", ["a", "b"]), ("u2", ["d", "a"])])

    @Test func coVisitationCountsNeighboursWithinTheWindowBothWays() throws {
        // Window 1 pairs: u0 a–b, b–c, c–b; u1 a–b; u2 d–a. So a: b 2, d 1; b: a 2, c 2; c: b 2; d: a 1.
        let model = try CoVisitation(fitting: visits, window: 1)
        var user = UserContext(user: "x", items: [])
        user.recent = [0]  // visited a: its neighbours b 2, d 1
        #expect(model.sparseScores(for: user) == [1: 2, 3: 1])
        user.recent = [1, 2]  // b then c: c's neighbours (factor 1) b 2; b's (0.7) a 2·0.7, c 2·0.7
        let scores = model.sparseScores(for: user)
        #expect(scores.count == 3)
        #expect(abs(scores[0]! - 1.4) < 1e-6 && abs(scores[1]! - 2) < 1e-6 && abs(scores[2]! - 1.4) < 1e-6)
        // Window 2 adds u0's a–c (its b … b is one item, not a pair): c's neighbours a 1, b 2.
        let wider = try CoVisitation(fitting: visits, window: 2)
        user.recent = [2]
        #expect(wider.sparseScores(for: user) == [0: 1, 1: 2])
    }

    @Test func coVisitationCountsPassesOfBoundedSizeAlike() throws {
        // The counting passes over column ranges give the same neighbours however the columns are cut.
        let ids = (0 ..< 40).map { "i\($0)" }
        var histories = [(user: String, items: [String])]()
        for u in 0 ..< 30 {
            let step = u % 7 + 1
            histories.append((user: "u\(u)", items: (0 ..< 12).map { n in ids[(n * step + u) % 40] }))
        }
        let matrix = InteractionMatrix(itemIDs: ids, histories: histories)
        let model = try CoVisitation(fitting: matrix, window: 3)
        var counts = [Int: [Int: Float]]()
        for visits in matrix.userRecent {
            var sequence = [Int32]()
            for v in visits where sequence.last != v { sequence.append(v) }
            for i in sequence.indices {
                for j in (i + 1) ..< min(sequence.count, i + 4) where sequence[i] != sequence[j] {
                    counts[Int(sequence[i]), default: [:]][Int(sequence[j]), default: 0] += 1
                    counts[Int(sequence[j]), default: [:]][Int(sequence[i]), default: 0] += 1
                }
            }
        }
        for item in 0 ..< 40 {
            var user = UserContext(user: "x", items: [])
            user.recent = [item]
            #expect(model.sparseScores(for: user) == (counts[item] ?? [:]), "item \(item)")
        }
    }

    @Test func trendingCountsWhatWasPopularUpToTheUsersTime() throws {
        // x: first seen by u0 at day 0 and u1 at day 1; y: by u2 at day 2. Half-life one day.
        let day: Int64 = 86_400
        let matrix = InteractionMatrix(
            itemIDs: ["x", "y"], histories: [("u0", ["x"]), ("u1", ["x"]), ("u2", ["y"])],
            times: [[0], [day], [2 * day]])
        let trending = try Trending(fitting: matrix, halfLifeDays: 1)
        var user = UserContext(user: "n", items: [])
        let close = { (got: [Float], want: [Float]) in zip(got, want).allSatisfy { abs($0 - $1) < 1e-5 } }
        user.lastTime = day  // x: 2^-1 + 1; y is in the future
        #expect(close(trending.scores(for: [user]).values, [1.5, 0]))
        user.lastTime = 2 * day  // x: 2^-2 + 2^-1, y: 1
        #expect(close(trending.scores(for: [user]).values, [0.75, 1]))
        #expect(close(trending.scores(for: user, items: [1, 0]), [1, 0.75]))
        #expect(trending.candidates(for: user, count: 2) == [1, 0])
        let unknown = UserContext(user: "z", items: [])  // no time: the latest of the log
        #expect(close(trending.scores(for: [unknown]).values, [0.75, 1]))
    }
}

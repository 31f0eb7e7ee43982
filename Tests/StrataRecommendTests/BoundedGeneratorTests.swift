import StrataCore
import StrataMath
import StrataRecommend
import Testing

/// The generators' bounded paths (EASE on the catalog's head, category shelves of limited length)
/// against values computed by hand, and the refusal of a fit too large for the machine.
@Suite struct BoundedGeneratorTests {
    /// Five users over items a–d; item e is in the catalog but nobody has it. Counts: a 3, b 3, c 3, d 3.
    let matrix = InteractionMatrix(
        itemIDs: ["a", "b", "c", "d", "e"],
        histories: [
            ("u0", ["a", "b"]), ("u1", ["a", "b", "c"]), ("u2", ["c", "d"]), ("u3", ["b", "c", "d"]), ("u4", ["a", "d"])
        ])

    func context(_ row: Int, in matrix: InteractionMatrix) -> UserContext {
        UserContext(user: matrix.userIDs[row], items: matrix.userItems[row])
    }

    @Test func easeOnTheHeadIsEASEOverTheMostPopularItemsOnly() throws {
        // The head of two among four tied items is a and b (ties go to the lower column).
        // Over {a, b}: G = [[3, 2], [2, 3]] + 2I = [[5, 2], [2, 5]], P = [[5, −2], [−2, 5]] / 21,
        // B_ab = B_ba = −P_ab / P_bb = 2/5. u0 = {a, b} scores a 0.4 (from b), b 0.4, nothing else;
        // u2 = {c, d} has no head item and scores nothing.
        let ease = try EASE(fitting: matrix, lambda: 2, maximumItems: 2)
        let scores = ease.scores(for: [context(0, in: matrix), context(2, in: matrix)])
        let expected: [Float] = [0.4, 0.4, 0, 0, 0, 0, 0, 0, 0, 0]
        for (got, want) in zip(scores.values, expected) { #expect(abs(got - want) < 1e-6) }
    }

    @Test func easeHeadKeepsTheItemsWithTheMostUsers() throws {
        let skewed = InteractionMatrix(
            itemIDs: ["a", "b", "c", "d"],
            histories: [
                ("u0", ["b", "c"]), ("u1", ["b", "c", "d"]), ("u2", ["c"]), ("u3", ["a", "b"])
            ])
        // Counts a 1, b 3, c 3, d 1: the head of 2 is {b, c}; u3 = {a, b} gets c's weight from b only.
        // Over {b, c}: G = [[3, 2], [2, 3]] + I·1 = [[4, 2], [2, 4]], P ∝ [[4, −2], [−2, 4]], B_bc = 2/4.
        let ease = try EASE(fitting: skewed, lambda: 1, maximumItems: 2)
        let scores = ease.scores(for: [context(3, in: skewed)]).values
        for (got, want) in zip(scores, [0, 0, 0.5, 0] as [Float]) { #expect(abs(got - want) < 1e-6) }
    }

    @Test func easeLeavesOutItemsOfASingleUser() throws {
        let skewed = InteractionMatrix(
            itemIDs: ["a", "b", "c", "d"],
            histories: [
                ("u0", ["b", "c"]), ("u1", ["b", "c", "d"]), ("u2", ["c"]), ("u3", ["a", "b"])
            ])
        // Counts a 1, b 3, c 3, d 1: with the default head size only b and c have two users or more, so the
        // model is the same as the head of two above: u3 = {a, b} gets c's weight 2/4 from b, nothing for d.
        let ease = try EASE(fitting: skewed, lambda: 1)
        let scores = ease.scores(for: [context(3, in: skewed)]).values
        for (got, want) in zip(scores, [0, 0, 0.5, 0] as [Float]) { #expect(abs(got - want) < 1e-6) }
        // With every item modelled, d (u1's, with b and c) gets a weight from b too.
        let whole = try EASE(fitting: skewed, lambda: 1, minimumUsers: 1)
        #expect(whole.scores(for: [context(3, in: skewed)]).values[3] > 0.01)
    }

    @Test func easeTooLargeForTheMachineIsRefusedBeforeAllocating() throws {
        // 60,000 items with one user each: the Gram matrix and weights would take 43 GB.
        let ids = (0 ..< 60_000).map { "i\($0)" }
        let wide = InteractionMatrix(itemIDs: ids, histories: ids.map { (user: "u-\($0)", items: [$0]) })
        do {
            _ = try EASE(fitting: wide, lambda: 10, maximumItems: 60_000, minimumUsers: 1)
            Issue.record("expected a refusal")
        } catch let error as RecommendError {
            guard case .tooLarge = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.description.contains("EASE over 60000 items"))
            #expect(error.description.contains("43.2 GB"))
            #expect(error.description.contains("fewer, most popular items"))
        }
    }
}

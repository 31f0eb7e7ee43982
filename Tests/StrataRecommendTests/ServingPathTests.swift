import StrataCore
import StrataMath
import Testing

@testable import StrataRecommend

/// The shortcuts of the served path (kept EASE sums, content layers scored together) against the
/// plain computations they replace.
@Suite struct ServingPathTests {
    /// 90 items; "long" has 70 of them, the others short random histories.
    let matrix: InteractionMatrix = {
        var random = SeededRandom(seed: 11)
        let items = (0 ..< 90).map { "i\($0)" }
        var histories: [(user: String, items: [String])] = [("long", Array(items[0 ..< 70]))]
        for u in 0 ..< 40 { histories.append(("u\(u)", (0 ..< 8).map { _ in items[Int(random.next() % 90)] })) }
        return InteractionMatrix(itemIDs: items, histories: histories)
    }()

    @Test func keptEASESumsGiveTheSameScoresAsSummingTheWholeHistory() throws {
        let ease = try EASE(fitting: matrix, lambda: 5)
        try checkKeptSums(ease)
        // And the scores are the sum of the single items' rows.
        var kept = ease
        let user = UserContext(user: "long", items: Array(0 ..< 73))
        kept.keep(user)
        let rows = user.items.map { ease.scores(for: [UserContext(user: "one", items: [$0])]).values }
        let sum = (0 ..< 90).map { c in rows.reduce(0.0) { $0 + Double($1[c]) } }
        for (got, want) in zip(kept.scores(for: [user]).values, sum) { #expect(abs(Double(got) - want) < 1e-4) }
    }

    /// Past their memory bound, sums are not kept: a further user starts from nothing and their whole history.
    @Test func keptSumsStopAtTheirMemoryBound() {
        var sums = KeptSums()
        let zero = [Float](repeating: 0, count: 90)
        sums.maximumBytes = 2 * 90 * 4
        let users = (0 ..< 3).map { UserContext(user: "u\($0)", items: Array(0 ..< 70)) }
        for user in users { sums.keep(user, zero: zero) { items, sum in for i in items { sum[i] += 1 } } }
        #expect(sums.count == 2)
        #expect(sums.start(for: users[0], zero: zero).items.isEmpty)
        #expect(sums.start(for: users[2], zero: zero).sum == zero)
        #expect(sums.start(for: users[2], zero: zero).items == users[2].items[...])
        // A kept user's sum is still brought up to date at the bound.
        var longer = users[0]
        longer.items.append(80)
        sums.keep(longer, zero: zero) { items, sum in for i in items { sum[i] += 1 } }
        #expect(sums.start(for: longer, zero: zero).sum[80] == 1)
    }

    /// Keeping, appending, keeping again and forgetting never change a user's scores.
    private func checkKeptSums(_ plain: some UserStateKeeping) throws {
        var kept = plain
        var user = UserContext(user: "long", items: matrix.userItems[0])
        #expect(user.items.count >= KeptSums.minimumHistory)
        kept.keep(user)
        #expect(kept.scores(for: [user]) == plain.scores(for: [user]))
        // Items appended after the keep are added per request, and by the next keep.
        user.items += [70, 71, 72]
        #expect(kept.scores(for: [user]) == plain.scores(for: [user]))
        kept.keep(user)
        #expect(kept.scores(for: [user]) == plain.scores(for: [user]))
        // A forgotten user who comes back with another history is scored from that history.
        kept.forget(user: "long")
        let returning = UserContext(user: "long", items: Array(0 ..< 5))
        #expect(kept.scores(for: [returning]) == plain.scores(for: [returning]))
    }

    @Test(arguments: [1, 7])
    func contentLayersScoredTogetherMatchCosinesComputedOneByOne(userCount: Int) {
        var random = SeededRandom(seed: UInt64(userCount))
        func unit(_ n: Int) -> [Float] { VectorMath.normalized((0 ..< n).map { _ in Float(random.nextGaussian()) }) }
        let items = Matrix(rowVectors: (0 ..< 30).map { _ in unit(12) })
        let users = (0 ..< userCount).map { u in
            let layer = { InterestLayer(interests: [], vector: unit(12)) }
            return UserContext(
                user: "u\(u)", items: [],
                profile: UserProfile(
                    user: "u\(u)", surface: layer(), middle: layer(), deep: layer(), referenceTime: 0, eventCount: 1))
        }
        let generators = LayerKind.allCases.map { Content(itemVectors: items, source: .layer($0)) }
        let together = Content.scores(of: generators, for: users)
        // And a user's chosen candidates, as the ranking over candidates scores them.
        let candidates = [17, 3, 29, 0]
        for (g, kind) in LayerKind.allCases.enumerated() {
            for (u, user) in users.enumerated() {
                let vector = user.profile!.layer(kind).vector
                let cosine = { (i: Int) in (0 ..< 12).reduce(0.0) { $0 + Double(items[i, $1]) * Double(vector[$1]) } }
                for i in 0 ..< items.rows { #expect(abs(Double(together[g][u, i]) - cosine(i)) < 1e-5) }
                let chosen = Content.scores(of: generators, for: user, items: candidates)[g]
                for (n, i) in candidates.enumerated() { #expect(abs(Double(chosen[n]) - cosine(i)) < 1e-5) }
            }
        }
    }
}

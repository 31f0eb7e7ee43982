import StrataCore
import StrataMath
import StrataRecommend
import Testing

/// The generators against values computed by hand or by numpy on tiny interaction matrices.
@Suite struct GeneratorTests {
    /// Five users over items a–d; item e is in the catalog but nobody has it.
    let matrix = InteractionMatrix(
        itemIDs: ["a", "b", "c", "d", "e"],
        histories: [
            ("u0", ["a", "b"]), ("u1", ["a", "b", "c"]), ("u2", ["c", "d"]), ("u3", ["b", "c", "d"]), ("u4", ["a", "d"])
        ])

    func context(_ row: Int) -> UserContext {
        UserContext(user: matrix.userIDs[row], items: matrix.userItems[row])
    }

    @Test func easeMatchesNumpyClosedForm() throws {
        // numpy: G = XᵀX + 2I; P = inv(G); B = −P / diag(P), diag 0; scores = X[[0, 2]] @ B.
        let ease = try EASE(fitting: matrix, lambda: 2)
        let scores = ease.scores(for: [context(0), context(2)])
        let expected: [Float] = [0.375, 0.3333333, 0.3333333, 0.125, 0, 0.125, 0.3333333, 0.3333333, 0.375, 0]
        for (got, want) in zip(scores.values, expected) { #expect(abs(got - want) < 1e-5) }
    }

    @Test func easeFromRecentItemsOnlyUsesTheLatestWindow() throws {
        // u1's latest item is c: its scores are row c of B = [0, 1/3, 0, 0.375].
        let ease = try EASE(fitting: matrix, lambda: 2, recentWindow: 1)
        let scores = ease.scores(for: [context(1)])
        for (got, want) in zip(scores.values, [0, 0.3333333, 0, 0.375, 0] as [Float]) {
            #expect(abs(got - want) < 1e-5)
        }
    }

    @Test func itemKNNUsesShrunkCosineOverTopNeighbours() throws {
        // Counts a 3, b 3, c 3, d 3. Overlaps: ab 2, ac 1, ad 1, bc 2, bd 1, cd 2.
        // shrink 1: sim(ab) = 2/(3+1) = 0.5, sim(ac) = sim(ad) = sim(bd) = 0.25, sim(bc) = sim(cd) = 0.5.
        // One neighbour per target item: a ← b, b ← a (tie a/c at 0.5, first co-occurring), c ← b (tie b/d), d ← c.
        // u0 = {a, b}: a gets sim(b→a) 0.5, b gets sim(a→b) 0.5, c gets sim(b→c) 0.5, d nothing.
        let knn = try ItemKNN(fitting: matrix, neighbours: 1, shrinkage: 1)
        #expect(knn.scores(for: [context(0)]).values == [0.5, 0.5, 0.5, 0, 0])
        // u2 = {c, d}: only d keeps c as its neighbour; nobody keeps d.
        #expect(knn.scores(for: [context(2)]).values == [0, 0, 0, 0.5, 0])
    }

    @Test func itemKNNRejectsBadParameters() {
        #expect(throws: RecommendError.self) { try ItemKNN(fitting: matrix, neighbours: 0, shrinkage: 1) }
        #expect(throws: RecommendError.self) { try EASE(fitting: matrix, lambda: 0) }
    }

    @Test func popularityCountsUsersGloballyAndWithinSegments() {
        #expect(Popularity(fitting: matrix).scores(for: [context(0)]).values == [3, 3, 3, 3, 0])
        let segments = ["u0": 0, "u1": 0, "u2": 1, "u3": 1]
        let byPeers = Popularity(fitting: matrix, segments: segments)
        var first = context(0)
        var second = context(2)
        var unknown = context(4)
        (first.segment, second.segment) = (0, 1)
        unknown.segment = nil
        #expect(
            byPeers.scores(for: [first, second, unknown]).values == [
                2, 2, 1, 0, 0,
                0, 1, 2, 2, 0,
                3, 3, 3, 3, 0
            ])
    }

    @Test func segmentPopularityTakesEachUsersHardSegmentAndNoneWhenTooFewUsers() throws {
        // u0 leans to segment 1 though it also belongs a little to 0: its hard segment is 1.
        let model = SegmentModel(
            layer: .deep, algorithm: "kmeans", segments: [],
            memberships: [
                "u0": SegmentMembership(
                    user: "u0", segment: 1,
                    memberships: [WeightedSegment(segment: 1, weight: 0.6), WeightedSegment(segment: 0, weight: 0.4)]),
                "u2": SegmentMembership(user: "u2", segment: 0, memberships: [WeightedSegment(segment: 0, weight: 1)])
            ], nextID: 2, temperature: 0.05, centroidWeights: [1, 1])
        #expect(try Popularity.userSegments { model } == ["u0": 1, "u2": 0])
        #expect(try Popularity.userSegments { throw SegmentError.tooFewUsers(2, layer: .deep) } == [:])
        #expect(throws: SegmentError.invalidK(1, users: 5)) {
            try Popularity.userSegments { throw SegmentError.invalidK(1, users: 5) }
        }
    }

    @Test func contentIsCosineOfTheMeanOfOwnItemVectors() {
        let vectors = Matrix(rowVectors: [[1, 0], [0, 1], [0.6, 0.8], [-1, 0], [0, -1]])
        let content = Content(itemVectors: vectors, source: .itemMean)
        // u0 = {a, b}: mean (0.5, 0.5) → unit (√½, √½); cosines a √½, b √½, c 1.4·√½, d −√½, e −√½.
        let h = Float(0.5).squareRoot()
        let want: [Float] = [h, h, 1.4 * h, -h, -h]
        for (got, expected) in zip(content.scores(for: [context(0)]).values, want) {
            #expect(abs(got - expected) < 1e-6)
        }
    }
}

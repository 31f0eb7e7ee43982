import Testing

@testable import StrataMath

@Suite struct MatrixTests {
    @Test func gemmMatchesHandComputedProduct() {
        let a = Matrix(rowVectors: [[1, 2, 3], [4, 5, 6]])
        let b = Matrix(rowVectors: [[7, 8], [9, 10], [11, 12]])
        #expect(a.multiplied(by: b) == Matrix(rowVectors: [[58, 64], [139, 154]]))
        #expect(a.multiplied(by: a, transposeOther: true) == Matrix(rowVectors: [[14, 32], [32, 77]]))
        #expect(
            a.multiplied(by: a, transposeSelf: true) == Matrix(rowVectors: [[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
    }

    @Test func gemvMatchesHandComputedProduct() {
        let a = Matrix(rowVectors: [[1, 2, 3], [4, 5, 6]])
        #expect(a.multiplied(byVector: [1, 0, -1]) == [-2, -2])
        #expect(a.multiplied(byVector: [1, 1], transposeSelf: true) == [5, 7, 9])
    }

    @Test func transposeAndRowSelection() {
        let a = Matrix(rowVectors: [[1, 2], [3, 4], [5, 6]])
        #expect(a.transposed == Matrix(rowVectors: [[1, 3, 5], [2, 4, 6]]))
        #expect(a.rows(at: [2, 0]) == Matrix(rowVectors: [[5, 6], [1, 2]]))
    }

    @Test func normalizeRowsGivesUnitRowsAndKeepsZeroRows() {
        var a = Matrix(rowVectors: [[3, 4], [0, 0]])
        a.normalizeRows()
        #expect(a == Matrix(rowVectors: [[0.6, 0.8], [0, 0]]))
        #expect(VectorMath.cosine([1, 0], [1, 1]) == Float(1 / 2.0.squareRoot()))
    }

    @Test func topKReturnsLargestBestFirstWithStableTies() {
        let scores: [Float] = [0.1, 0.9, 0.5, 0.9, -1, 0.7]
        let top = TopK.largest(scores, k: 3)
        #expect(top.map(\.index) == [1, 3, 5])
        #expect(TopK.largest(scores, k: 2, excluding: [1]).map(\.index) == [3, 5])
        #expect(TopK.largest(scores, k: 10).count == 6)
        #expect(TopK.largest(scores, k: 0).isEmpty)
    }

    @Test func topKWithExclusionsMatchesSortingWhatIsLeft() {
        var random = SeededRandom(seed: 7)
        // Few distinct values, so ties and excluded entries that would have made the cut are common.
        let scores = (0 ..< 2_000).map { _ in Float(Int.random(in: 0 ..< 50, using: &random)) }
        let excluded = Set((0 ..< 300).map { _ in Int.random(in: scores.indices, using: &random) })
        let expected = scores.indices.filter { !excluded.contains($0) }
            .sorted { (scores[$0], -$0) > (scores[$1], -$1) }.prefix(25)
        #expect(TopK.largest(scores, k: 25, excluding: excluded).map(\.index) == Array(expected))
    }

    @Test func seededRandomIsReproducibleAndUniform() {
        var a = SeededRandom(seed: 42)
        var b = SeededRandom(seed: 42)
        var c = SeededRandom(seed: 43)
        let xs = (0 ..< 1000).map { _ in a.nextUnit() }
        #expect(xs == (0 ..< 1000).map { _ in b.nextUnit() })
        #expect(xs != (0 ..< 1000).map { _ in c.nextUnit() })
        let mean = xs.reduce(0, +) / Double(xs.count)
        #expect(abs(mean - 0.5) < 0.05)
        #expect(xs.allSatisfy { $0 >= 0 && $0 < 1 })
    }
}

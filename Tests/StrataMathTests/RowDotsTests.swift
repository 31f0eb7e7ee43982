import CKernels
import Testing

@testable import StrataMath

@Suite struct RowDotsTests {
    /// Small integers keep every product and sum exact in Float, so the kernel must match exactly.
    private func integers(_ count: Int, _ random: inout SeededRandom) -> [Float] {
        (0 ..< count).map { _ in Float(Int(random.next() % 7) - 3) }
    }

    @Test(arguments: [1, 7, 8, 13, 384], [1, 3, 4, 5, 10])
    func matchesDoublePrecisionDotsForAnyWidthAndVectorCount(columns: Int, vectorCount: Int) {
        var random = SeededRandom(seed: UInt64(columns * 31 + vectorCount))
        let matrix = Matrix(rows: 9, columns: columns, values: integers(9 * columns, &random))
        let vectors = (0 ..< vectorCount).map { _ in integers(columns, &random) }
        let expected = Matrix(
            rowVectors: vectors.map { v in
                (0 ..< matrix.rows).map { r in
                    Float((0 ..< columns).reduce(0.0) { $0 + Double(matrix[r, $1]) * Double(v[$1]) })
                }
            })
        #expect(matrix.dots(vectors) == expected)
        let picked = [8, 0, 8, 3]
        let expectedPicked = Matrix(rowVectors: expected.rowVectors.map { row in picked.map { row[$0] } })
        #expect(matrix.dots(vectors, rows: picked) == expectedPicked)
        // The portable kernel, which processors without AVX2 and FMA run, gives the same.
        var portable = [Float](repeating: .nan, count: vectorCount * picked.count)
        strata_row_dots_portable(
            matrix.values, columns, picked, picked.count, vectors.flatMap { $0 }, vectorCount, &portable)
        #expect(portable == expectedPicked.values)
    }

    @Test func handComputedDotsAndEmptyInputs() {
        let matrix = Matrix(rowVectors: [[1, 2], [3, 4], [5, 6]])
        #expect(matrix.dots([[1, 0], [0, 1], [1, -1]]) == Matrix(rowVectors: [[1, 3, 5], [2, 4, 6], [-1, -1, -1]]))
        #expect(matrix.dots([[1, 1]], rows: [2]) == Matrix(rowVectors: [[11]]))
        #expect(matrix.dots([[1, 1]], rows: []) == Matrix(rows: 1, columns: 0))
        #expect(matrix.dots([]) == Matrix(rows: 0, columns: 3))
    }
}

import CBLAS
import StrataMath

/// Scores as sums of rows of an item-by-item weight matrix over a user's items: `x_u · W` for a sparse
/// binary `x_u`, one BLAS `saxpy` per item, so a user costs |items| × n rather than catalog × n.
struct SparseRowScorer: Sendable {
    /// Row-major `n × n` weights over the model's items.
    let weights: [Float]
    /// The catalog column of each model item.
    let columns: [Int]
    /// The model item of each catalog column, or -1.
    let position: [Int]

    init(weights: [Float], columns: [Int], catalogSize: Int) {
        self.weights = weights
        self.columns = columns
        var position = [Int](repeating: -1, count: catalogSize)
        for (row, column) in columns.enumerated() { position[column] = row }
        self.position = position
    }

    /// One row of catalog scores per user, summing the weight rows of the items `items(user)` picks.
    func scores(for users: [UserContext], items: (UserContext) -> ArraySlice<Int>) -> Matrix {
        let n = columns.count
        var out = Matrix(rows: users.count, columns: position.count)
        var sum = [Float](repeating: 0, count: n)
        weights.withUnsafeBufferPointer { w in
            for (row, user) in users.enumerated() {
                for i in sum.indices { sum[i] = 0 }
                sum.withUnsafeMutableBufferPointer { s in
                    for item in items(user) where position[item] >= 0 {
                        cblas_saxpy(Int32(n), 1, w.baseAddress! + position[item] * n, 1, s.baseAddress!, 1)
                    }
                }
                let base = row * position.count
                for (i, column) in columns.enumerated() { out.values[base + column] = sum[i] }
            }
        }
        return out
    }
}

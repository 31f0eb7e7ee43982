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

    /// A sum over no items, one entry per model item.
    var zeroSum: [Float] { [Float](repeating: 0, count: columns.count) }

    /// Adds the weight rows of `items` (catalog columns; those outside the model add nothing) to `sum`.
    func add(_ items: some Sequence<Int>, to sum: inout [Float]) {
        let n = Int32(columns.count)
        weights.withUnsafeBufferPointer { w in
            sum.withUnsafeMutableBufferPointer { s in
                for item in items where position[item] >= 0 {
                    cblas_saxpy(n, 1, w.baseAddress! + position[item] * columns.count, 1, s.baseAddress!, 1)
                }
            }
        }
    }

    /// The model items' scores for one user (one entry per model item): `start` plus the rows of `items`.
    func modelScores(start: (sum: [Float], items: ArraySlice<Int>)) -> [Float] {
        var (sum, items) = start
        add(items, to: &sum)
        return sum
    }

    /// The best `count` catalog columns of `modelScores`, leaving out `excluded` (columns).
    func candidates(_ modelScores: [Float], count: Int, excluding excluded: [Int]) -> [Int] {
        let skip = Set(excluded.compactMap { position[$0] >= 0 ? position[$0] : nil })
        return TopK.largest(modelScores, k: count, excluding: skip).map { columns[$0.index] }
    }

    /// `modelScores` at the catalog columns `items` (0 outside the model).
    func scores(_ modelScores: [Float], at items: [Int]) -> [Float] {
        items.map { position[$0] >= 0 ? modelScores[position[$0]] : 0 }
    }

    /// One row of catalog scores per user: the sum `start(user)` gives (kept rows already added, or
    /// `zeroSum`) plus the rows of the items it names.
    func scores(for users: [UserContext], start: (UserContext) -> (sum: [Float], items: ArraySlice<Int>)) -> Matrix {
        var out = Matrix(rows: users.count, columns: position.count)
        for (row, user) in users.enumerated() {
            var (sum, items) = start(user)
            add(items, to: &sum)
            let base = row * position.count
            for (i, column) in columns.enumerated() { out.values[base + column] = sum[i] }
        }
        return out
    }
}

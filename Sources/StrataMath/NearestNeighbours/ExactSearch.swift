/// Exact maximum-inner-product search: every row scored against the queries in one pass of the C kernel
/// of `Matrix.dots`, then the best `k` kept by `TopK`.
enum ExactSearch {
    /// Queries scored per pass over the matrix; bounds the score buffer to this many rows of `n` floats.
    static let queriesPerPass = 16

    /// The `k` rows of `vectors` with the largest dot product with each query, best first (ties: the
    /// lower index), query `i` leaving out `excluded[i]`.
    static func search(
        _ vectors: Matrix, queries: [[Float]], k: Int, excluding excluded: [Set<Int>]
    ) -> [[(index: Int, score: Float)]] {
        var out = [[(index: Int, score: Float)]]()
        out.reserveCapacity(queries.count)
        var first = 0
        while first < queries.count {
            let chunk = Array(queries[first ..< min(queries.count, first + queriesPerPass)])
            let scores = vectors.dots(chunk)
            scores.values.withUnsafeBufferPointer { all in
                for q in 0 ..< chunk.count {
                    let row = UnsafeBufferPointer(rebasing: all[q * vectors.rows ..< (q + 1) * vectors.rows])
                    out.append(TopK.largest(row, k: k, excluding: excluded[first + q]))
                }
            }
            first += chunk.count
        }
        return out
    }
}

import CKernels

extension Matrix {
    /// The dot product of each of `rows` (all rows when `nil`) with each of `vectors`, one result row per
    /// vector: `result[v, i] = self.row(rows[i]) · vectors[v]`.
    ///
    /// For a handful of vectors against many rows (one user's three layer vectors against the catalog, ten
    /// recommended items against a user's history) this reads the matrix once per four vectors, where one
    /// `sgemv` per vector reads it once per vector, and unlike `sgemm` it copies nothing. The kernel is C
    /// (`CKernels`), with AVX2 and fused multiply-adds where the processor has them.
    public func dots(_ vectors: [[Float]], rows selected: [Int]? = nil) -> Matrix {
        precondition(vectors.allSatisfy { $0.count == columns }, "vector length does not match the matrix")
        let count = selected?.count ?? rows
        var result = Matrix(rows: vectors.count, columns: count)
        guard count > 0, columns > 0, !vectors.isEmpty else { return result }
        let queries = vectors.flatMap { $0 }
        let picked = selected ?? []
        values.withUnsafeBufferPointer { matrix in
            queries.withUnsafeBufferPointer { queries in
                picked.withUnsafeBufferPointer { picked in
                    result.values.withUnsafeMutableBufferPointer { out in
                        strata_row_dots(
                            matrix.baseAddress, columns, selected == nil ? nil : picked.baseAddress, count,
                            queries.baseAddress, vectors.count, out.baseAddress)
                    }
                }
            }
        }
        return result
    }
}

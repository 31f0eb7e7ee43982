extension Matrix {
    /// The dot product of each of `rows` (all rows when `nil`) with each of `vectors`, reading every row
    /// once for up to four vectors: `result[v][i] = self.row(rows[i]) · vectors[v]`.
    ///
    /// For a handful of vectors against many rows (one user's three layer vectors against the catalog, ten
    /// recommended items against a user's history) this reads the matrix a quarter as often as one
    /// `sgemv` per vector, and unlike `sgemm` it copies nothing.
    public func dots(_ vectors: [[Float]], rows selected: [Int]? = nil) -> [[Float]] {
        precondition(vectors.allSatisfy { $0.count == columns }, "vector length does not match the matrix")
        let count = selected?.count ?? rows
        var result = [[Float]](repeating: [Float](repeating: 0, count: count), count: vectors.count)
        guard count > 0, columns > 0 else { return result }
        for start in stride(from: 0, to: vectors.count, by: 4) {
            let group = Array(vectors[start ..< min(start + 4, vectors.count)])
            // Padding the group to four vectors with the first keeps one code path; the extra sums are dropped.
            let padded = (group + Array(repeating: group[0], count: 4 - group.count)).flatMap { $0 }
            var sums = [Float](repeating: 0, count: 4 * count)
            values.withUnsafeBufferPointer { matrix in
                padded.withUnsafeBufferPointer { queries in
                    sums.withUnsafeMutableBufferPointer { out in
                        for i in 0 ..< count {
                            let row = matrix.baseAddress! + (selected?[i] ?? i) * columns
                            dotFour(row, queries.baseAddress!, columns, out.baseAddress! + 4 * i)
                        }
                    }
                }
            }
            for v in group.indices {
                for i in 0 ..< count { result[start + v][i] = sums[4 * i + v] }
            }
        }
        return result
    }
}

/// Writes the dot products of `row` with the four consecutive `n`-vectors at `queries` to `out[0..<4]`.
@inline(__always)
private func dotFour(_ row: UnsafePointer<Float>, _ queries: UnsafePointer<Float>, _ n: Int, _ out: UnsafeMutablePointer<Float>) {
    let r = UnsafeRawPointer(row)
    let q = UnsafeRawPointer(queries)
    let stride = n * MemoryLayout<Float>.stride
    var a = SIMD8<Float>(), b = SIMD8<Float>(), c = SIMD8<Float>(), d = SIMD8<Float>()
    var offset = 0
    while offset + 32 <= stride {
        let x = r.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        a += x * q.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        b += x * q.loadUnaligned(fromByteOffset: stride + offset, as: SIMD8<Float>.self)
        c += x * q.loadUnaligned(fromByteOffset: 2 * stride + offset, as: SIMD8<Float>.self)
        d += x * q.loadUnaligned(fromByteOffset: 3 * stride + offset, as: SIMD8<Float>.self)
        offset += 32
    }
    var tail = SIMD4<Float>()
    for j in offset / 4 ..< n {
        let x = row[j]
        tail += SIMD4(x * queries[j], x * queries[n + j], x * queries[2 * n + j], x * queries[3 * n + j])
    }
    out[0] = a.sum() + tail[0]
    out[1] = b.sum() + tail[1]
    out[2] = c.sum() + tail[2]
    out[3] = d.sum() + tail[3]
}

import CKernels

/// The dot products of the graph search: one query against a handful of scattered rows.
///
/// A search scores the unseen neighbours of a node, rows all over a matrix too large for the cache, so the
/// time goes into waiting for memory, not arithmetic. Walking eight rows side by side keeps eight streams
/// of loads in flight at once, where one row after the other (as `Matrix.dots` does for one vector)
/// waits for each row in turn: on a 100k × 384 matrix this measured about 100 ns per row against 450.
///
/// Every row is summed the same way whether it goes through the eight- or the four-row loop (four lanes
/// over the columns, then the lanes, plus the columns left over), so a pair's score never depends on
/// which other rows were scored with it.
///
/// Unoptimised (debug) builds run the C kernel of `Matrix.dots` instead: Swift's SIMD types cost a call
/// per operation there, which made the tests ten times slower. Scores then differ in their last bits
/// between debug and release builds, never within one.
enum DotKernel {
    /// `out[i] = vectors[rows[i]] · query` for `i` in `0 ..< count`, rows of `dimension` floats.
    @inline(__always)
    static func dots(
        _ vectors: UnsafePointer<Float>, dimension: Int, rows: UnsafePointer<Int>, count: Int,
        query: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>
    ) {
        #if DEBUG
            strata_row_dots(vectors, dimension, rows, count, query, 1, out)
        #else
            interleaved(vectors, dimension: dimension, rows: rows, count: count, query: query, into: out)
        #endif
    }

    /// `dots` walking eight rows side by side (what optimised builds run).
    static func interleaved(
        _ vectors: UnsafePointer<Float>, dimension: Int, rows: UnsafePointer<Int>, count: Int,
        query: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>
    ) {
        @inline(__always) func row(_ i: Int) -> UnsafeRawPointer {
            UnsafeRawPointer(vectors + rows[min(i, count - 1)] * dimension)
        }
        var first = 0
        while count - first >= 8 {
            let sums = dot8(
                row(first), row(first + 1), row(first + 2), row(first + 3),
                row(first + 4), row(first + 5), row(first + 6), row(first + 7), query, dimension)
            for k in 0 ..< 8 { out[first + k] = sums[k] }
            first += 8
        }
        // The last one to seven rows in groups of four, a short group repeating its last row.
        while first < count {
            let sums = dot4(row(first), row(first + 1), row(first + 2), row(first + 3), query, dimension)
            for k in 0 ..< min(4, count - first) { out[first + k] = sums[k] }
            first += 4
        }
    }

    /// `vectors[row] · query`.
    @inline(__always)
    static func dot(_ vectors: UnsafePointer<Float>, dimension: Int, row: Int, query: UnsafePointer<Float>) -> Float {
        var row = row
        var out: Float = 0
        dots(vectors, dimension: dimension, rows: &row, count: 1, query: query, into: &out)
        return out
    }

    @inline(__always)
    private static func dot8(
        _ a0: UnsafeRawPointer, _ a1: UnsafeRawPointer, _ a2: UnsafeRawPointer, _ a3: UnsafeRawPointer,
        _ a4: UnsafeRawPointer, _ a5: UnsafeRawPointer, _ a6: UnsafeRawPointer, _ a7: UnsafeRawPointer,
        _ query: UnsafePointer<Float>, _ dimension: Int
    ) -> SIMD8<Float> {
        var s0 = SIMD4<Float>()
        var s1 = SIMD4<Float>()
        var s2 = SIMD4<Float>()
        var s3 = SIMD4<Float>()
        var s4 = SIMD4<Float>()
        var s5 = SIMD4<Float>()
        var s6 = SIMD4<Float>()
        var s7 = SIMD4<Float>()
        let q = UnsafeRawPointer(query)
        var o = 0
        while o < body(dimension) {
            let x = q.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self)
            s0 += a0.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            s1 += a1.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            s2 += a2.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            s3 += a3.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            s4 += a4.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            s5 += a5.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            s6 += a6.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            s7 += a7.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            o += 16
        }
        return SIMD8<Float>(
            s0.sum() + tail(a0, query, dimension), s1.sum() + tail(a1, query, dimension),
            s2.sum() + tail(a2, query, dimension), s3.sum() + tail(a3, query, dimension),
            s4.sum() + tail(a4, query, dimension), s5.sum() + tail(a5, query, dimension),
            s6.sum() + tail(a6, query, dimension), s7.sum() + tail(a7, query, dimension))
    }

    /// `dot8` for four rows, summing each row exactly as `dot8` does.
    @inline(__always)
    private static func dot4(
        _ a0: UnsafeRawPointer, _ a1: UnsafeRawPointer, _ a2: UnsafeRawPointer, _ a3: UnsafeRawPointer,
        _ query: UnsafePointer<Float>, _ dimension: Int
    ) -> SIMD4<Float> {
        var s0 = SIMD4<Float>()
        var s1 = SIMD4<Float>()
        var s2 = SIMD4<Float>()
        var s3 = SIMD4<Float>()
        let q = UnsafeRawPointer(query)
        var o = 0
        while o < body(dimension) {
            let x = q.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self)
            s0 += a0.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            s1 += a1.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            s2 += a2.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            s3 += a3.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self) * x
            o += 16
        }
        return SIMD4<Float>(
            s0.sum() + tail(a0, query, dimension), s1.sum() + tail(a1, query, dimension),
            s2.sum() + tail(a2, query, dimension), s3.sum() + tail(a3, query, dimension))
    }

    /// The bytes of a row covered by whole groups of four floats.
    @inline(__always)
    private static func body(_ dimension: Int) -> Int { (dimension - dimension % 4) * MemoryLayout<Float>.stride }

    /// `row · query` over the columns left after the last group of four.
    @inline(__always)
    private static func tail(_ row: UnsafeRawPointer, _ query: UnsafePointer<Float>, _ dimension: Int) -> Float {
        var sum: Float = 0
        for c in dimension - dimension % 4 ..< dimension {
            sum += row.load(fromByteOffset: c * MemoryLayout<Float>.stride, as: Float.self) * query[c]
        }
        return sum
    }
}

import StrataMath

/// Squared Euclidean distances as one gemm per block: ‖x‖² − 2·x·c + ‖c‖², with cached norms.
enum Distances {
    /// Rows processed per gemm: large enough for BLAS efficiency, small enough to stay in cache.
    static let blockRows = 256

    /// Writes the squared distances from rows `range` of `a` to every row of `b` into `out`
    /// (`range.count × b.rows`, row-major), clamped at zero.
    static func squaredEuclidean(
        _ a: UnsafePointer<Float>, norms aNorms: UnsafePointer<Float>, rows range: Range<Int>,
        to b: UnsafePointer<Float>, norms bNorms: UnsafePointer<Float>, count bRows: Int,
        columns: Int, into out: UnsafeMutablePointer<Float>
    ) {
        let m = range.count
        guard m > 0, bRows > 0 else { return }
        BLAS.gemm(
            transposeB: true, m: m, n: bRows, k: columns,
            alpha: -2, a: a + range.lowerBound * columns, lda: columns, b: b, ldb: columns,
            c: out, ldc: bRows)
        for i in 0 ..< m {
            let xn = aNorms[range.lowerBound + i]
            let row = out + i * bRows
            for j in 0 ..< bRows { row[j] = max(0, row[j] + xn + bNorms[j]) }
        }
    }

    /// Calls `body(range, block)` for consecutive blocks of rows of `a`, where `block` holds the
    /// squared distances from those rows to every row of `b`; blocks run in parallel across workers.
    static func forEachBlock<T>(
        _ a: Matrix, aNorms: [Float], to b: Matrix, bNorms: [Float],
        minimumPerWorker: Int = 512,
        _ body: (_ rows: Range<Int>, _ block: UnsafePointer<Float>, _ state: inout T) -> Void,
        initial: @autoclosure () -> T
    ) -> [T] {
        a.values.withUnsafeBufferPointer { ap in
            b.values.withUnsafeBufferPointer { bp in
                aNorms.withUnsafeBufferPointer { an in
                    bNorms.withUnsafeBufferPointer { bn in
                        ParallelLoop.map(count: a.rows, minimumPerWorker: minimumPerWorker) { range -> T in
                            var state = initial()
                            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * max(1, b.rows))
                            defer { buffer.deallocate() }
                            var lo = range.lowerBound
                            while lo < range.upperBound {
                                let hi = min(range.upperBound, lo + blockRows)
                                squaredEuclidean(
                                    ap.baseAddress!, norms: an.baseAddress!, rows: lo ..< hi,
                                    to: bp.baseAddress!, norms: bn.baseAddress!, count: b.rows,
                                    columns: a.columns, into: buffer)
                                body(lo ..< hi, buffer, &state)
                                lo = hi
                            }
                            return state
                        }
                    }
                }
            }
        }
    }

    /// All pairwise distances under `metric` between rows of already prepared data (`n × n`, zero diagonal).
    static func pairwise(_ data: Matrix, metric: Metric) -> Matrix {
        let n = data.rows
        let centered = metric == .euclidean ? centeredColumns(data) : data
        let norms = centered.squaredRowNorms
        var out = Matrix(rows: n, columns: n)
        out.values.withUnsafeMutableBufferPointer { buffer in
            let rows = buffer  // workers write disjoint rows
            _ = forEachBlock(
                centered, aNorms: norms, to: centered, bNorms: norms,
                { range, block, _ in
                    for (i, r) in range.enumerated() {
                        for q in 0 ..< n { rows[r * n + q] = metric.distance(squaredEuclidean: block[i * n + q]) }
                        rows[r * n + r] = 0
                    }
                }, initial: ())
        }
        return out
    }

    /// `data` with each column's mean subtracted: distances are unchanged but the gemm expansion
    /// loses far less precision when norms are small.
    static func centeredColumns(_ data: Matrix) -> Matrix {
        let n = data.rows
        let d = data.columns
        var mean = [Double](repeating: 0, count: d)
        for r in 0 ..< n {
            for c in 0 ..< d { mean[c] += Double(data.values[r * d + c]) }
        }
        var out = data
        for r in 0 ..< n {
            for c in 0 ..< d { out.values[r * d + c] -= Float(mean[c] / Double(n)) }
        }
        return out
    }
}

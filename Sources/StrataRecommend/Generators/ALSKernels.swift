import CBLAS
import Foundation
import StrataMath

/// The pieces of `ImplicitALS`: sparse rows in both directions, the Gram matrix, and the per-row solvers
/// (conjugate gradient and Cholesky) over one row's columns only.
enum ALSKernels {
    /// A binary sparse matrix in compressed rows: row `r`'s columns are `columns[offsets[r] ..< offsets[r + 1]]`.
    struct CompressedRows: Sendable {
        var offsets: [Int]
        var columns: [Int32]
        var rowCount: Int { offsets.count - 1 }

        /// Rows of distinct columns each (`InteractionMatrix.userItems`), every row's columns sorted so sums
        /// over them do not depend on the order the items came in.
        init(rows: [[Int]]) {
            offsets = [0]
            offsets.reserveCapacity(rows.count + 1)
            columns = []
            columns.reserveCapacity(rows.reduce(0) { $0 + $1.count })
            for row in rows {
                columns.append(contentsOf: row.sorted().map { Int32($0) })
                offsets.append(columns.count)
            }
        }

        /// The transpose, with `columnCount` rows.
        func transposed(columnCount: Int) -> CompressedRows {
            var counts = [Int](repeating: 0, count: columnCount + 1)
            for column in columns { counts[Int(column) + 1] += 1 }
            for c in 0 ..< columnCount { counts[c + 1] += counts[c] }
            var next = counts
            var out = [Int32](repeating: 0, count: columns.count)
            for row in 0 ..< rowCount {
                for index in offsets[row] ..< offsets[row + 1] {
                    let column = Int(columns[index])
                    out[next[column]] = Int32(row)
                    next[column] += 1
                }
            }
            return CompressedRows(offsets: counts, columns: out)
        }

        private init(offsets: [Int], columns: [Int32]) {
            self.offsets = offsets
            self.columns = columns
        }
    }

    /// Rows per Gram-matrix chunk: a fixed size, so the sum's order (and its last bits) does not depend on
    /// the number of cores.
    static let gramChunk = 4096

    /// `FᵀF + λI` (`f × f`, row-major, exactly symmetric) for the `count × f` row-major factors `F`: one
    /// BLAS `ssyrk` per chunk of rows, chunks on every core, partial sums added in chunk order.
    static func gram(_ factors: UnsafePointer<Float>, count: Int, f: Int, lambda: Float) -> [Float] {
        let chunks = max(1, (count + gramChunk - 1) / gramChunk)
        var partials = [Float](repeating: 0, count: chunks * f * f)
        partials.withUnsafeMutableBufferPointer { out in
            let shared = UncheckedSendableBox((out.baseAddress!, factors))
            ParallelLoop.forEach(chunks) { chunk, _ in
                let (partial, factors) = shared.value
                let start = chunk * gramChunk
                let end = min(count, start + gramChunk)
                guard end > start else { return }
                // Row-major C = AᵀA with A the chunk's rows (K × N): the upper triangle.
                cblas_ssyrk(
                    CblasRowMajor, CblasUpper, CblasTrans, Int32(f), Int32(end - start), 1,
                    factors + start * f, Int32(f), 0, partial + chunk * f * f, Int32(f))
            }
        }
        var gram = [Float](repeating: 0, count: f * f)
        for chunk in 0 ..< chunks {
            for i in 0 ..< f { for j in i ..< f { gram[i * f + j] += partials[chunk * f * f + i * f + j] } }
        }
        for i in 0 ..< f {
            gram[i * f + i] += lambda
            for j in 0 ..< i { gram[i * f + j] = gram[j * f + i] }
        }
        return gram
    }

    /// The scratch memory of one row solve.
    struct Scratch {
        var r: [Float], p: [Float], ap: [Float]
        var block: [Float], normal: [Float]
        var a: [Double], b: [Double]
        static let blockRows = 256

        init(f: Int) {
            r = [Float](repeating: 0, count: f)
            p = r
            ap = r
            block = [Float](repeating: 0, count: Self.blockRows * f)
            normal = [Float](repeating: 0, count: f * f)
            a = [Double](repeating: 0, count: f * f)
            b = [Double](repeating: 0, count: f)
        }
    }

    /// Conjugate gradient on row `x`'s normal equations `(G + α·Σᵢ yᵢyᵢᵀ) x = (1 + α)·Σᵢ yᵢ` over its
    /// columns' factors `yᵢ`, with `gram` = `YᵀY + λI`, warm-started from `x`, at most `steps` steps, never
    /// forming the row's own matrix — the `implicit` library's `_least_squares_cg` for binary preferences
    /// (Takács, Pilászy & Tikk 2011).
    static func conjugateGradient(
        x: UnsafeMutablePointer<Float>, columns: UnsafeBufferPointer<Int32>, factors y: UnsafePointer<Float>,
        gram: UnsafePointer<Float>, f: Int, alpha: Float, steps: Int, scratch: inout Scratch
    ) {
        let confidence = 1 + alpha
        scratch.r.withUnsafeMutableBufferPointer { rb in
            scratch.p.withUnsafeMutableBufferPointer { pb in
                scratch.ap.withUnsafeMutableBufferPointer { apb in
                    let r = rb.baseAddress!
                    let p = pb.baseAddress!
                    let ap = apb.baseAddress!
                    // r = b − A·x
                    for i in 0 ..< f { r[i] = -dot(gram + i * f, x, f) }
                    for column in columns {
                        let yi = y + Int(column) * f
                        axpy(confidence - alpha * dot(yi, x, f), yi, r, f)
                    }
                    p.update(from: r, count: f)
                    var rsOld = dot(r, r, f)
                    guard rsOld >= 1e-20 else { return }
                    for _ in 0 ..< steps {
                        // Ap = G·p + α·Σᵢ yᵢ (yᵢ·p)
                        for i in 0 ..< f { ap[i] = dot(gram + i * f, p, f) }
                        for column in columns {
                            let yi = y + Int(column) * f
                            axpy(alpha * dot(yi, p, f), yi, ap, f)
                        }
                        let step = rsOld / dot(p, ap, f)
                        axpy(step, p, x, f)
                        axpy(-step, ap, r, f)
                        let rsNew = dot(r, r, f)
                        if rsNew < 1e-20 { break }
                        let ratio = rsNew / rsOld
                        for i in 0 ..< f { p[i] = r[i] + ratio * p[i] }
                        rsOld = rsNew
                    }
                }
            }
        }
    }

    /// The exact solution of row `x`'s normal equations (see `conjugateGradient`): the row's matrix
    /// `G + α·YᵤᵀYᵤ` built with one `ssyrk` per block of its columns' factors, then Cholesky in double
    /// precision. Returns false (leaving `x` as it was) when the matrix is not positive definite.
    @discardableResult
    static func exactSolve(
        x: UnsafeMutablePointer<Float>, columns: UnsafeBufferPointer<Int32>, factors y: UnsafePointer<Float>,
        gram: UnsafePointer<Float>, f: Int, alpha: Float, scratch: inout Scratch
    ) -> Bool {
        let confidence = Double(1 + alpha)
        scratch.normal.withUnsafeMutableBufferPointer { normal in
            scratch.block.withUnsafeMutableBufferPointer { block in
                normal.baseAddress!.update(repeating: 0, count: f * f)
                var start = 0
                while start < columns.count {
                    let end = min(columns.count, start + Scratch.blockRows)
                    for (row, column) in columns[start ..< end].enumerated() {
                        (block.baseAddress! + row * f).update(from: y + Int(column) * f, count: f)
                    }
                    cblas_ssyrk(
                        CblasRowMajor, CblasUpper, CblasTrans, Int32(f), Int32(end - start), alpha,
                        block.baseAddress!, Int32(f), 1, normal.baseAddress!, Int32(f))
                    start = end
                }
            }
        }
        // A (lower triangle, row-major) = G + α·YᵤᵀYᵤ; b = (1 + α)·Σᵢ yᵢ.
        for i in 0 ..< f {
            for j in 0 ... i { scratch.a[i * f + j] = Double(gram[i * f + j]) + Double(scratch.normal[j * f + i]) }
            scratch.b[i] = 0
        }
        for column in columns {
            let yi = y + Int(column) * f
            for i in 0 ..< f { scratch.b[i] += confidence * Double(yi[i]) }
        }
        guard choleskySolve(&scratch.a, &scratch.b, f) else { return false }
        for i in 0 ..< f { x[i] = Float(scratch.b[i]) }
        return true
    }

    /// Solves `A·z = b` in place (`b` becomes `z`) for symmetric positive definite `A`, given by its lower
    /// triangle row-major; `A`'s lower triangle becomes its Cholesky factor. False when `A` is not positive
    /// definite.
    static func choleskySolve(_ a: inout [Double], _ b: inout [Double], _ n: Int) -> Bool {
        for j in 0 ..< n {
            var d = a[j * n + j]
            for k in 0 ..< j { d -= a[j * n + k] * a[j * n + k] }
            guard d > 0, d.isFinite else { return false }
            let l = d.squareRoot()
            a[j * n + j] = l
            for i in j + 1 ..< n {
                var s = a[i * n + j]
                for k in 0 ..< j { s -= a[i * n + k] * a[j * n + k] }
                a[i * n + j] = s / l
            }
        }
        for i in 0 ..< n {  // L·w = b
            var s = b[i]
            for k in 0 ..< i { s -= a[i * n + k] * b[k] }
            b[i] = s / a[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {  // Lᵀ·z = w
            var s = b[i]
            for k in i + 1 ..< n { s -= a[k * n + i] * b[k] }
            b[i] = s / a[i * n + i]
        }
        return true
    }

    /// `a · b` over `n` floats, eight lanes at a time.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        var lanes = SIMD8<Float>()
        var i = 0
        while i + 8 <= n {
            lanes +=
                ra.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
            i += 8
        }
        var sum = lanes.sum()
        while i < n {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// `y ← t·x + y` over `n` floats, eight lanes at a time.
    @inline(__always)
    static func axpy(_ t: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        let rx = UnsafeRawPointer(x)
        let ry = UnsafeMutableRawPointer(y)
        let scale = SIMD8<Float>(repeating: t)
        var i = 0
        while i + 8 <= n {
            let sum =
                ry.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
                + scale * rx.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
            ry.storeBytes(of: sum, toByteOffset: 4 * i, as: SIMD8<Float>.self)
            i += 8
        }
        while i < n {
            y[i] += t * x[i]
            i += 1
        }
    }
}

import CBLAS
import Synchronization

/// Thin, checked wrappers over the OpenBLAS routines Strata's hot loops run in.
public enum BLAS {
    /// Sets how many threads OpenBLAS may use for one call (1 when the caller parallelises itself).
    /// Inside `singleThreaded` sections the count takes effect when the last section ends.
    public static func setThreadCount(_ count: Int) {
        sections.withLock { state in
            if state.depth > 0 { state.saved = max(1, count) } else { openblas_set_num_threads(Int32(max(1, count))) }
        }
    }

    /// The number of threads OpenBLAS currently uses.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// How many `singleThreaded` sections run now, and the thread count to restore after the last.
    private static let sections = Mutex((depth: 0, saved: 1))

    /// Runs `body` with OpenBLAS on one thread, however many other threads enter or leave such sections
    /// meanwhile: the count is set when the first section starts and restored when the last one ends.
    ///
    /// Callers that parallelise over their own workers use it so BLAS threads do not compete with them,
    /// and so results do not depend on the thread count (OpenBLAS splits rows between its threads, which
    /// moves rows between its main and edge kernels and changes their last bits).
    public static func singleThreaded<T>(_ body: () throws -> T) rethrows -> T {
        sections.withLock { state in
            if state.depth == 0 {
                state.saved = Int(openblas_get_num_threads())
                openblas_set_num_threads(1)
            }
            state.depth += 1
        }
        defer {
            sections.withLock { state in
                state.depth -= 1
                if state.depth == 0 { openblas_set_num_threads(Int32(state.saved)) }
            }
        }
        return try body()
    }

    /// `C ← alpha · op(A) · op(B) + beta · C` on raw row-major buffers.
    ///
    /// The buffers' sizes are not checked; dimensions and strides must fit in `Int32` (the conversion traps).
    ///
    /// - Parameters:
    ///   - transposeA: Whether `op(A)` is `Aᵀ`, i.e. `A` is stored `k × m` rather than `m × k`.
    ///   - transposeB: Whether `op(B)` is `Bᵀ`, i.e. `B` is stored `n × k` rather than `k × n`.
    ///   - m: The rows of `op(A)` and `C`.
    ///   - n: The columns of `op(B)` and `C`.
    ///   - k: The inner dimension: the columns of `op(A)`, the rows of `op(B)`.
    ///   - alpha: The scale of the product.
    ///   - a: `A`'s first element.
    ///   - lda: `A`'s row stride as stored (before transposition): at least `k`, or `m` when transposed.
    ///   - b: `B`'s first element.
    ///   - ldb: `B`'s row stride as stored: at least `n`, or `k` when transposed.
    ///   - beta: The scale of `C`'s prior contents; 0 for the plain product.
    ///   - c: `C`'s first element (`m × n`), updated in place; it must not overlap `a` or `b`.
    ///   - ldc: `C`'s row stride, at least `n`.
    @inlinable
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `y ← alpha · op(A) · x + beta · y` on raw row-major buffers; `A` is stored `rows × columns`.
    ///
    /// The buffers' sizes are not checked; dimensions and strides must fit in `Int32` (the conversion traps).
    ///
    /// - Parameters:
    ///   - transpose: Whether `op(A)` is `Aᵀ`: `x` then has `rows` elements and `y` `columns`, else the reverse.
    ///   - rows: The rows of `A` as stored.
    ///   - columns: The columns of `A` as stored.
    ///   - alpha: The scale of the product.
    ///   - a: `A`'s first element.
    ///   - lda: `A`'s row stride, at least `columns`.
    ///   - x: The input vector, contiguous.
    ///   - beta: The scale of `y`'s prior contents; 0 for the plain product.
    ///   - y: The output vector, contiguous, updated in place; it must not overlap `a` or `x`.
    @inlinable
    public static func gemv(
        transpose: Bool = false, rows: Int, columns: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float = 0, y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans,
            Int32(rows), Int32(columns), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }
}

extension Matrix {
    /// The product `op(self) · op(other)`, computed by one BLAS `sgemm`.
    public func multiplied(by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> Matrix {
        let m = transposeSelf ? columns : rows
        let k = transposeSelf ? rows : columns
        let otherK = transposeOther ? other.columns : other.rows
        let n = transposeOther ? other.rows : other.columns
        precondition(k == otherK, "inner dimensions differ: \(k) vs \(otherK)")
        var out = Matrix(rows: m, columns: n)
        guard m > 0, n > 0 else { return out }
        if k == 0 { return out }
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                out.values.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(
                        transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k,
                        a: a.baseAddress!, lda: columns, b: b.baseAddress!, ldb: other.columns,
                        c: c.baseAddress!, ldc: n)
                }
            }
        }
        return out
    }

    /// The matrix–vector product `op(self) · x`, computed by one BLAS `sgemv`.
    public func multiplied(byVector x: [Float], transposeSelf: Bool = false) -> [Float] {
        precondition(x.count == (transposeSelf ? rows : columns), "vector length does not match the matrix")
        var y = [Float](repeating: 0, count: transposeSelf ? columns : rows)
        guard rows > 0, columns > 0 else { return y }
        values.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    BLAS.gemv(
                        transpose: transposeSelf, rows: rows, columns: columns,
                        a: a.baseAddress!, lda: columns, x: xp.baseAddress!, y: yp.baseAddress!)
                }
            }
        }
        return y
    }
}

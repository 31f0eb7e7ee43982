import Foundation
import StrataMath

import struct StrataStore.FitCache

/// Implicit-feedback matrix factorisation (Hu, Koren & Volinsky 2008) fitted by alternating least squares:
/// every user `u` gets a factor `xᵤ` and every item `i` a factor `yᵢ` minimising
/// `Σᵤᵢ cᵤᵢ (pᵤᵢ − xᵤ·yᵢ)² + λ(Σ‖xᵤ‖² + Σ‖yᵢ‖²)` over all user–item pairs, with the binary preference
/// `pᵤᵢ` (1 when `u` has `i`) and the confidence `cᵤᵢ = 1 + α·pᵤᵢ`. A user's score for an item is `xᵤ·yᵢ`.
///
/// Each iteration solves every user against the items, then every item against the users. A half-sweep
/// forms `YᵀY + λI` once (BLAS `ssyrk`, `f × f`) and solves each row's normal equations
/// `(YᵀY + λI + α·Σᵢ yᵢyᵢᵀ) xᵤ = (1 + α)·Σᵢ yᵢ` touching only that row's own items, by default with a few
/// steps of conjugate gradient warm-started from the previous sweep (Takács, Pilászy & Tikk 2011, as the
/// `implicit` library's `use_cg=True, cg_steps=3`). A sweep costs O(nnz·f·steps + (users + items)·f²·steps)
/// time and O((users + items)·f + nnz) memory: nothing quadratic in users or items, which makes it the
/// latent model for large catalogs and their long tail. Rows run on every core, each on single-threaded
/// BLAS, so the result does not depend on the number of cores.
///
/// A user unknown at fit time, or whose items changed since, is scored from a factor solved on the fly from
/// their items against the fitted item factors (`userFactor(items:)`), which is how a server serves new
/// events without a refit.
public struct ImplicitALS: CandidateGenerator {
    /// How each row's normal equations are solved during fitting.
    public enum Solver: Sendable, Equatable {
        /// Conjugate gradient warm-started from the previous sweep, at most `steps` steps per row and sweep.
        case conjugateGradient(steps: Int)
        /// Cholesky in double precision on each row's `f × f` matrix: exact, O(nᵤ·f² + f³) per row.
        case exact
    }

    /// The default number of latent factors.
    public static let defaultFactors = 64
    /// The default number of iterations (each a user and an item half-sweep).
    public static let defaultIterations = 15
    /// The default L2 regularisation λ.
    public static let defaultRegularization: Float = 1
    /// The default confidence weight α of an interaction (its confidence is `1 + α`).
    public static let defaultAlpha: Float = 10

    /// The number of latent factors `f`.
    public let factors: Int
    /// The number of iterations fitted.
    public let iterations: Int
    /// The L2 regularisation λ.
    public let regularization: Float
    /// The confidence weight α: an interaction has confidence `1 + α`, a missing one 1.
    public let alpha: Float
    /// How rows were solved during fitting.
    public let solver: Solver
    /// One row of `factors` per user of the fitted matrix, in its row order.
    public let userFactors: Matrix
    /// One row of `factors` per catalog item; items nobody had are 0.
    public let itemFactors: Matrix
    /// The fitted users' rows.
    private let userIndex: [String: Int]
    /// How many distinct items each fitted user had.
    private let fittedItemCounts: [Int32]
    /// `YᵀY + λI` over the fitted item factors (`f × f`, row-major), for users solved on the fly.
    private let itemGram: [Float]

    public var name: String { "als" }

    /// Fits on `matrix` a factor for every user and every catalog item.
    ///
    /// - Parameters:
    ///   - matrix: The training interactions, binary (a user has an item or not), fewer than 2³¹ users and items;
    ///     a user or item without interactions gets a zero factor.
    ///   - factors: The latent dimension f, ≥ 1; memory grows as f · (users + items), time per row as f² (f³ with
    ///     `.exact`).
    ///   - iterations: Alternating sweeps, ≥ 1, each solving every user and then every item.
    ///   - regularization: The L2 weight λ, positive and finite; larger shrinks the factors towards 0.
    ///   - alpha: The confidence weight α, 0 or positive and finite: an interaction has confidence 1 + α, a missing
    ///     pair 1, so 0 weighs them alike.
    ///   - solver: `.conjugateGradient(steps:)` (steps ≥ 1, warm-started from the previous sweep) or `.exact`.
    ///   - seed: The factors start as uniform values in [0, 0.01) drawn from it (users' first, then items', as
    ///     `implicit` does).
    ///   - cache: Where factors fitted on the same users' items (in row order), catalog size and settings are read
    ///     back instead of fitted, and a fresh fit is kept.
    /// - Throws: `RecommendError.invalidParameter` for a parameter out of range; `RecommendError.tooLarge` when the
    ///   factors would take more than 60% of this machine's memory; `RecommendError.numerical` when they diverge.
    public init(
        fitting matrix: InteractionMatrix, factors: Int = ImplicitALS.defaultFactors,
        iterations: Int = ImplicitALS.defaultIterations, regularization: Float = ImplicitALS.defaultRegularization,
        alpha: Float = ImplicitALS.defaultAlpha, solver: Solver = .conjugateGradient(steps: 3), seed: UInt64 = 0,
        cache: FitCache? = nil
    ) throws {
        try self.init(
            fitting: matrix, factors: factors, iterations: iterations, regularization: regularization, alpha: alpha,
            solver: solver, seed: seed, initialItemFactors: nil, cache: cache)
    }

    /// Fits as the public initialiser does, starting the items from `initialItemFactors` (items × factors)
    /// when given (the reference tests start from fixed factors; such a fit is never kept in `cache`).
    init(
        fitting matrix: InteractionMatrix, factors: Int, iterations: Int, regularization: Float, alpha: Float,
        solver: Solver, seed: UInt64, initialItemFactors: Matrix?, cache: FitCache? = nil
    ) throws {
        guard factors > 0 else {
            throw RecommendError.invalidParameter(name: "ALS factors", value: "\(factors)", expected: "at least 1")
        }
        guard iterations > 0 else {
            throw RecommendError.invalidParameter(
                name: "ALS iterations", value: "\(iterations)", expected: "at least 1")
        }
        guard regularization > 0, regularization.isFinite else {
            throw RecommendError.invalidParameter(
                name: "ALS regularization", value: "\(regularization)", expected: "a positive number")
        }
        guard alpha >= 0, alpha.isFinite else {
            throw RecommendError.invalidParameter(
                name: "ALS alpha", value: "\(alpha)", expected: "0 or a positive number")
        }
        if case .conjugateGradient(let steps) = solver, steps < 1 {
            throw RecommendError.invalidParameter(
                name: "ALS conjugate-gradient steps", value: "\(steps)", expected: "at least 1")
        }
        let users = matrix.userIDs.count
        let items = matrix.itemIDs.count
        let f = factors
        if let initialItemFactors, initialItemFactors.rows != items || initialItemFactors.columns != f {
            throw RecommendError.invalidParameter(
                name: "ALS initial item factors",
                value: "\(initialItemFactors.rows) × \(initialItemFactors.columns)",
                expected: "\(items) × \(f)")
        }
        guard items < Int(Int32.max), users < Int(Int32.max) else {
            throw RecommendError.invalidParameter(
                name: "ALS matrix", value: "\(users) users × \(items) items",
                expected: "fewer than 2³¹ users and items")
        }
        let nonZeros = matrix.userItems.reduce(0) { $0 + $1.count }
        try MemoryBudget.check(
            bytes: 4 * Double(f) * Double(users + items) + 8 * Double(nonZeros) + 16 * Double(users + items),
            for: "ALS with \(f) factors over \(users) users and \(items) items",
            alternative: "use fewer factors")
        self.factors = f
        self.iterations = iterations
        self.regularization = regularization
        self.alpha = alpha
        self.solver = solver
        userIndex = matrix.userIndex
        fittedItemCounts = matrix.userItems.map { Int32($0.count) }
        func fit() throws -> (x: [Float], y: [Float]) {
            try Self.fittedFactors(
                matrix, f: f, iterations: iterations, regularization: regularization, alpha: alpha, solver: solver,
                seed: seed, initialItemFactors: initialItemFactors)
        }
        let fitted: (x: [Float], y: [Float])
        if let cache, initialItemFactors == nil, users + items > 0 {
            // The kept matrix holds the users' factors, then the items'.
            let fingerprint = matrix.fingerprint(
                "als factors=\(f) iterations=\(iterations) regularization=\(regularization.bitPattern) "
                    + "alpha=\(alpha.bitPattern) solver=\(solver) seed=\(seed)")
            if let kept = cache.load(
                kind: "als", fingerprint: fingerprint, rows: users + items, columns: f,
                isValid: { $0.values.allSatisfy(\.isFinite) })
            {
                fitted = (Array(kept.values[..<(users * f)]), Array(kept.values[(users * f)...]))
            } else {
                fitted = try fit()
                cache.store(
                    Matrix(rows: users + items, columns: f, values: fitted.x + fitted.y), kind: "als",
                    fingerprint: fingerprint)
            }
        } else {
            fitted = try fit()
        }
        userFactors = Matrix(rows: users, columns: f, values: fitted.x)
        itemFactors = Matrix(rows: items, columns: f, values: fitted.y)
        itemGram = Self.gram(fitted.y, f: f, lambda: regularization)
    }

    /// The fitted user and item factors (row-major, `f` per row): `iterations` alternating sweeps from
    /// factors drawn from `seed` (the items' from `initialItemFactors` when given).
    private static func fittedFactors(
        _ matrix: InteractionMatrix, f: Int, iterations: Int, regularization: Float, alpha: Float, solver: Solver,
        seed: UInt64, initialItemFactors: Matrix?
    ) throws -> (x: [Float], y: [Float]) {
        let (users, items) = (matrix.userIDs.count, matrix.itemIDs.count)
        var random = SeededRandom(seed: seed)
        var x = (0 ..< users * f).map { _ in Float(random.nextUnit() * 0.01) }
        var y = initialItemFactors?.values ?? (0 ..< items * f).map { _ in Float(random.nextUnit() * 0.01) }
        let byUser = ALSKernels.CompressedRows(rows: matrix.userItems)
        let byItem = byUser.transposed(columnCount: items)
        BLAS.singleThreaded {
            for _ in 0 ..< iterations {
                Self.halfSweep(byUser, target: &x, from: y, f: f, lambda: regularization, alpha: alpha, solver: solver)
                Self.halfSweep(byItem, target: &y, from: x, f: f, lambda: regularization, alpha: alpha, solver: solver)
            }
        }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            throw RecommendError.numerical("ALS: the factors diverged (try a larger regularization or a smaller alpha)")
        }
        return (x, y)
    }

    /// `FᵀF + λI` for the row-major factors `values` (`λI` alone when there are none).
    private static func gram(_ values: [Float], f: Int, lambda: Float) -> [Float] {
        guard !values.isEmpty else {
            var gram = [Float](repeating: 0, count: f * f)
            for i in 0 ..< f { gram[i * f + i] = lambda }
            return gram
        }
        return BLAS.singleThreaded {
            values.withUnsafeBufferPointer {
                ALSKernels.gram($0.baseAddress!, count: values.count / f, f: f, lambda: lambda)
            }
        }
    }

    /// Solves every row of `rows` (one per row of `target`) against the factors `other` of its columns;
    /// a row without columns gets 0.
    private static func halfSweep(
        _ rows: ALSKernels.CompressedRows, target: inout [Float], from other: [Float], f: Int,
        lambda: Float, alpha: Float, solver: Solver
    ) {
        guard !rows.columns.isEmpty else {
            target = [Float](repeating: 0, count: target.count)
            return
        }
        let gram = Self.gram(other, f: f, lambda: lambda)
        let offsets = rows.offsets
        target.withUnsafeMutableBufferPointer { x in
            other.withUnsafeBufferPointer { y in
                gram.withUnsafeBufferPointer { g in
                    rows.columns.withUnsafeBufferPointer { columns in
                        // Each range writes only its own rows of `x`.
                        let shared = UncheckedSendableBox((x.baseAddress!, y.baseAddress!, g.baseAddress!, columns))
                        ParallelLoop.forEachRange(count: rows.rowCount) { range in
                            let (x, y, g, columns) = shared.value
                            var scratch = ALSKernels.Scratch(f: f)
                            for row in range {
                                let xr = x + row * f
                                let mine = UnsafeBufferPointer(rebasing: columns[offsets[row] ..< offsets[row + 1]])
                                guard !mine.isEmpty else {
                                    xr.update(repeating: 0, count: f)
                                    continue
                                }
                                switch solver {
                                case .conjugateGradient(let steps):
                                    ALSKernels.conjugateGradient(
                                        x: xr, columns: mine, factors: y, gram: g, f: f, alpha: alpha,
                                        steps: steps, scratch: &scratch)
                                case .exact:
                                    ALSKernels.exactSolve(
                                        x: xr, columns: mine, factors: y, gram: g, f: f, alpha: alpha, scratch: &scratch
                                    )
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The factor of a user with `items` (catalog columns; repeats and columns outside the catalog are
    /// ignored) against the fitted item factors: the exact solution of their normal equations, the factor
    /// the next user half-sweep would give them. Costs O(nᵤ·f² + f³); a user without items gets 0.
    public func userFactor(items: [Int]) -> [Float] {
        var seen = Set<Int>()
        let columns = items.filter { $0 >= 0 && $0 < itemFactors.rows && seen.insert($0).inserted }.sorted().map {
            Int32($0)
        }
        var x = [Float](repeating: 0, count: factors)
        guard !columns.isEmpty else { return x }
        var scratch = ALSKernels.Scratch(f: factors)
        BLAS.singleThreaded {
            x.withUnsafeMutableBufferPointer { xb in
                columns.withUnsafeBufferPointer { cb in
                    itemFactors.values.withUnsafeBufferPointer { yb in
                        itemGram.withUnsafeBufferPointer { gb in
                            _ = ALSKernels.exactSolve(
                                x: xb.baseAddress!, columns: cb, factors: yb.baseAddress!, gram: gb.baseAddress!,
                                f: factors, alpha: alpha, scratch: &scratch)
                        }
                    }
                }
            }
        }
        return x
    }

    /// `xᵤ·yᵢ` for every catalog item, one row per user, by one `sgemm` over the batch. A fitted user whose
    /// context holds the same number of distinct items as at fit time uses their fitted factor; any other
    /// user (unknown at fit time, or with new items since) a factor solved from their context's items.
    public func scores(for users: [UserContext]) -> Matrix {
        var batch = Matrix(rows: users.count, columns: factors)
        for (row, user) in users.enumerated() {
            let target = row * factors ..< (row + 1) * factors
            if let fitted = userIndex[user.user], Set(user.items).count == Int(fittedItemCounts[fitted]) {
                batch.values.replaceSubrange(
                    target, with: userFactors.values[fitted * factors ..< (fitted + 1) * factors])
            } else {
                batch.values.replaceSubrange(target, with: userFactor(items: user.items))
            }
        }
        return batch.multiplied(by: itemFactors, transposeOther: true)
    }

    /// The training objective on `matrix` (the matrix fitted, same rows):
    /// `Σᵤᵢ cᵤᵢ (pᵤᵢ − xᵤ·yᵢ)² + λ(Σ‖xᵤ‖² + Σ‖yᵢ‖²)` over every user–item pair, in double precision,
    /// without visiting the pairs nobody interacted with (`Σᵢ (xᵤ·yᵢ)² = xᵤᵀ(YᵀY)xᵤ`).
    public func loss(on matrix: InteractionMatrix) -> Double {
        precondition(
            matrix.userIDs.count == userFactors.rows && matrix.itemIDs.count == itemFactors.rows,
            "loss(on:) takes the matrix the model was fitted on")
        let f = factors
        let gram = Self.gram(itemFactors.values, f: f, lambda: 0)
        let x = userFactors.values
        let y = itemFactors.values
        let a = Double(alpha)
        var total = 0.0
        for (u, items) in matrix.userItems.enumerated() {
            let xu = x[u * f ..< (u + 1) * f].map(Double.init)
            for i in 0 ..< f {
                var s = 0.0
                for j in 0 ..< f { s += Double(gram[i * f + j]) * xu[j] }
                total += xu[i] * s
            }
            for item in items {
                var t = 0.0
                for k in 0 ..< f { t += xu[k] * Double(y[item * f + k]) }
                total += a * t * t - 2 * (1 + a) * t + (1 + a)
            }
        }
        let norms = x.reduce(0.0) { $0 + Double($1) * Double($1) } + y.reduce(0.0) { $0 + Double($1) * Double($1) }
        return total + Double(regularization) * norms
    }
}

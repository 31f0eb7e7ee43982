import CBLAS
import StrataCore
import StrataMath

import struct StrataStore.FitCache

/// EASE (Steck 2019): the closed-form item-to-item model `B = I − P·diag(1/diag P)`, `P = (XᵀX + λI)⁻¹`,
/// over the items seen in training, inverted in double precision by LAPACK's Cholesky routines.
///
/// Its memory is quadratic in the items (n² doubles for the Gram matrix, n² floats for the weights) and
/// its time cubic, so it is fitted on the catalog's head: the `maximumItems` items with the most users,
/// among those with at least `minimumUsers` (default 2). The others get no EASE score (other generators
/// rank them). An item of a single user co-occurs with nothing but that user's other items: leaving such
/// items out scored the same (NDCG@10 on DESIGN.md's split: ml-latest-small 0.1303 against 0.1305 over
/// every item, taobao-dev 0.0031 against 0.0030) and shrinks the fit where most items are of one user
/// (taobao-dev's head: 1,532 items instead of 10,000; ml-latest-small's: 5,373 instead of 8,239).
public struct EASE: UserStateKeeping {
    /// The L2 regularisation λ.
    public let lambda: Double
    /// The default head size: 10,000 items take 1.2 GB and about half a minute on one core.
    public static let defaultMaximumItems = 10_000
    /// The default fewest users an item needs to be modelled.
    public static let defaultMinimumUsers = 2
    /// When set, a user is scored from their latest `recentWindow` items only (the surface layer's items).
    public var recentWindow: Int?
    private let scorer: SparseRowScorer
    /// Sums over long histories (see `keep(_:)`).
    private var kept = KeptSums()

    public var name: String { recentWindow.map { "ease-recent\($0)" } ?? "ease" }

    /// Fits on `matrix` with regularisation `lambda` (> 0), over at most `maximumItems` items (the most
    /// popular); a head too large for this machine's memory is refused. With a `cache`, weights stored
    /// for the same interactions and `lambda` are read back instead, and a fresh fit is stored there.
    ///
    /// - Parameters:
    ///   - matrix: The training interactions (binary).
    ///   - lambda: The L2 regularisation λ > 0, added to the item co-occurrence counts' diagonal; larger shrinks the
    ///     weights towards 0.
    ///   - recentWindow: `nil` scores a user from their whole history; n, from their latest n items only (0 scores
    ///     nothing, negative traps when scoring), and the generator is named `ease-recent<n>`.
    ///   - maximumItems: The head size, ≥ 1: only this many items with the most users (ties: the lower column) are
    ///     modelled, taking 12 · n² bytes and O(n³) time for n modelled items.
    ///   - minimumUsers: Items with fewer users than this (≥ 1) are not modelled.
    ///   - cache: Where weights fitted on the same λ, catalog size, users' item sets and head are read back, and a
    ///     fresh fit is stored; unused when no item was seen or the catalog has more than 2²⁴ items.
    /// - Throws: `RecommendError.invalidParameter` for `lambda` ≤ 0 or `maximumItems` < 1; `RecommendError.tooLarge`
    ///   when the head needs more than 60% of this machine's memory; `RecommendError.numerical` when the inversion
    ///   fails.
    public init(
        fitting matrix: InteractionMatrix, lambda: Double, recentWindow: Int? = nil,
        maximumItems: Int = EASE.defaultMaximumItems, minimumUsers: Int = EASE.defaultMinimumUsers,
        cache: FitCache? = nil
    ) throws {
        guard lambda > 0 else {
            throw RecommendError.invalidParameter(name: "lambda", value: "\(lambda)", expected: "a positive number")
        }
        guard maximumItems > 0 else {
            throw RecommendError.invalidParameter(
                name: "EASE's maximum items", value: "\(maximumItems)", expected: "at least 1")
        }
        self.lambda = lambda
        self.recentWindow = recentWindow
        let counts = matrix.itemCounts
        let columns = Self.head(counts: counts, maximumItems: maximumItems, minimumUsers: max(1, minimumUsers))
        let n = columns.count
        try MemoryBudget.check(
            bytes: 12 * Double(n) * Double(n), for: "EASE over \(n) items (items² doubles and floats)",
            alternative: "fit it on fewer, most popular items (a smaller maximum), or leave EASE out of the blend")
        guard let cache, n > 0, counts.count <= 1 << 24 else {  // columns past 2²⁴ are not exact as Float
            scorer = SparseRowScorer(
                weights: try Self.weights(matrix, columns: columns, lambda: lambda), columns: columns,
                catalogSize: counts.count)
            return
        }
        // The file holds the n × n weights and, as one more row, the model items' catalog columns.
        let fingerprint = Self.fingerprint(matrix, lambda: lambda)
        let trained = columns.map(Float.init)
        if var values = cache.load(
            kind: "ease", fingerprint: fingerprint, rows: n + 1, columns: n,
            isValid: { $0.values[(n * n)...].elementsEqual(trained) })?.values
        {
            values.removeLast(n)
            scorer = SparseRowScorer(weights: values, columns: columns, catalogSize: counts.count)
            return
        }
        let weights = try Self.weights(matrix, columns: columns, lambda: lambda)
        cache.store(Matrix(rows: n + 1, columns: n, values: weights + trained), kind: "ease", fingerprint: fingerprint)
        scorer = SparseRowScorer(weights: weights, columns: columns, catalogSize: counts.count)
    }

    /// The catalog columns EASE models, in column order: those with at least `minimumUsers` users, or the
    /// `maximumItems` with the most users when there are more (ties to the lower column).
    static func head(counts: [Int], maximumItems: Int, minimumUsers: Int) -> [Int] {
        let seen = counts.indices.filter { counts[$0] >= minimumUsers }
        guard seen.count > maximumItems else { return seen }
        return seen.sorted { (counts[$0], -$0) > (counts[$1], -$1) }.prefix(maximumItems).sorted()
    }

    /// What a fit reads, hashed: λ, the catalog size and every user's set of item columns.
    static func fingerprint(_ matrix: InteractionMatrix, lambda: Double) -> String {
        let users = matrix.userItems.map { $0.sorted().map(String.init).joined(separator: ",") }
        return TextHash.of("ease λ=\(lambda) catalog=\(matrix.itemIDs.count) users=" + users.joined(separator: ";"))
    }

    /// The row-major weights `B` over the model items `columns` (those with interactions).
    private static func weights(_ matrix: InteractionMatrix, columns: [Int], lambda: Double) throws -> [Float] {
        let n = columns.count
        guard n > 0 else { return [] }  // nothing seen yet: every score is 0
        var position = [Int](repeating: -1, count: matrix.itemIDs.count)
        for (row, column) in columns.enumerated() { position[column] = row }
        // Gram matrix XᵀX (symmetric, so row- and column-major agree) plus λ on the diagonal.
        var gram = [Double](repeating: 0, count: n * n)
        for items in matrix.userItems {
            let rows = items.map { position[$0] }.filter { $0 >= 0 }
            for a in rows { for b in rows { gram[a * n + b] += 1 } }
        }
        for i in 0 ..< n { gram[i * n + i] += lambda }
        var info: Int32 = 0
        var size = Int32(n)
        var uplo = Int8(UInt8(ascii: "L"))
        dpotrf_(&uplo, &size, &gram, &size, &info)
        guard info == 0 else {
            throw RecommendError.numerical("EASE: the Gram matrix is not positive definite (dpotrf info \(info))")
        }
        dpotri_(&uplo, &size, &gram, &size, &info)
        guard info == 0 else { throw RecommendError.numerical("EASE: inversion failed (dpotri info \(info))") }
        // dpotri fills the lower triangle in column-major order, i.e. the upper one row-major: mirror it.
        for i in 0 ..< n { for j in 0 ..< i { gram[i * n + j] = gram[j * n + i] } }
        var weights = [Float](repeating: 0, count: n * n)
        for i in 0 ..< n {
            for j in 0 ..< n where i != j { weights[i * n + j] = Float(-gram[i * n + j] / gram[j * n + j]) }
        }
        return weights
    }

    public func scores(for users: [UserContext]) -> Matrix {
        scorer.scores(for: users, start: start)
    }

    /// Where a user's sum starts: the kept sum over the whole history, or nothing and the latest items.
    private func start(_ user: UserContext) -> (sum: [Float], items: ArraySlice<Int>) {
        guard let recentWindow else { return kept.start(for: user, zero: scorer.zeroSum) }
        return (scorer.zeroSum, user.items.suffix(recentWindow))
    }

    /// The best-scored items of the modelled head: O(|items| × head) however large the catalog.
    public func candidates(for user: UserContext, count: Int) -> [Int] {
        scorer.candidates(scorer.modelScores(start: start(user)), count: count, excluding: user.exclusions)
    }

    public func scores(for user: UserContext, items: [Int]) -> [Float] {
        scorer.scores(scorer.modelScores(start: start(user)), at: items)
    }

    /// Keeps the sum over `user`'s whole history when it is long (see `KeptSums`); the recency variant
    /// keeps nothing.
    public mutating func keep(_ user: UserContext) {
        guard recentWindow == nil else { return }
        kept.keep(user, zero: scorer.zeroSum) { [scorer] items, sum in scorer.add(items, to: &sum) }
    }

    /// Drops what `keep(_:)` kept for `user`.
    public mutating func forget(user: String) {
        kept.forget(user: user)
    }
}

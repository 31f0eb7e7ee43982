import CBLAS
import StrataMath

/// EASE (Steck 2019): the closed-form item-to-item model `B = I − P·diag(1/diag P)`, `P = (XᵀX + λI)⁻¹`,
/// over the items seen in training, inverted in double precision by LAPACK's Cholesky routines.
public struct EASE: UserStateKeeping {
    /// The L2 regularisation λ.
    public let lambda: Double
    /// When set, a user is scored from their latest `recentWindow` items only (the surface layer's items).
    public var recentWindow: Int?
    private let scorer: SparseRowScorer
    /// Sums over long histories (see `keep(_:)`).
    private var kept = KeptSums()

    public var name: String { recentWindow.map { "ease-recent\($0)" } ?? "ease" }

    /// Fits on `matrix` with regularisation `lambda` (> 0).
    public init(fitting matrix: InteractionMatrix, lambda: Double, recentWindow: Int? = nil) throws {
        guard lambda > 0 else { throw RecommendError.invalidParameter(name: "lambda", value: "\(lambda)", expected: "a positive number") }
        self.lambda = lambda
        self.recentWindow = recentWindow
        let counts = matrix.itemCounts
        let columns = counts.indices.filter { counts[$0] > 0 }
        var position = [Int](repeating: -1, count: counts.count)
        for (row, column) in columns.enumerated() { position[column] = row }
        let n = columns.count
        guard n > 0 else {  // nothing seen yet: every score is 0
            scorer = SparseRowScorer(weights: [], columns: [], catalogSize: counts.count)
            return
        }
        // Gram matrix XᵀX (symmetric, so row- and column-major agree) plus λ on the diagonal.
        var gram = [Double](repeating: 0, count: n * n)
        for items in matrix.userItems {
            let rows = items.map { position[$0] }
            for a in rows { for b in rows { gram[a * n + b] += 1 } }
        }
        for i in 0 ..< n { gram[i * n + i] += lambda }
        var info: Int32 = 0
        var size = Int32(n)
        var uplo = Int8(UInt8(ascii: "L"))
        dpotrf_(&uplo, &size, &gram, &size, &info)
        guard info == 0 else { throw RecommendError.numerical("EASE: the Gram matrix is not positive definite (dpotrf info \(info))") }
        dpotri_(&uplo, &size, &gram, &size, &info)
        guard info == 0 else { throw RecommendError.numerical("EASE: inversion failed (dpotri info \(info))") }
        // dpotri fills the lower triangle in column-major order, i.e. the upper one row-major: mirror it.
        for i in 0 ..< n { for j in 0 ..< i { gram[i * n + j] = gram[j * n + i] } }
        var weights = [Float](repeating: 0, count: n * n)
        for i in 0 ..< n {
            for j in 0 ..< n where i != j { weights[i * n + j] = Float(-gram[i * n + j] / gram[j * n + j]) }
        }
        scorer = SparseRowScorer(weights: weights, columns: columns, catalogSize: counts.count)
    }

    public func scores(for users: [UserContext]) -> Matrix {
        scorer.scores(for: users) { user in
            guard let recentWindow else { return kept.start(for: user, zero: scorer.zeroSum) }
            return (scorer.zeroSum, user.items.suffix(recentWindow))
        }
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

import CBLAS

/// Principal component analysis by LAPACK eigen-decomposition (`ssyevd`) of the covariance matrix.
///
/// Used to reduce high-dimensional embeddings before density-based clustering, where distances in
/// hundreds of dimensions concentrate and every point looks like noise.
public struct PCA: Sendable {
    /// Why a projection could not be fitted.
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case invalidComponentCount(requested: Int, columns: Int)
        case tooFewRows(Int)
        case eigenDecompositionFailed(info: Int)

        public var description: String {
            switch self {
            case .invalidComponentCount(let requested, let columns):
                "PCA: expected between 1 and \(columns) components (the number of columns), got \(requested)"
            case .tooFewRows(let rows): "PCA: expected at least 2 rows, got \(rows)"
            case .eigenDecompositionFailed(let info): "PCA: LAPACK ssyevd failed (info \(info))"
            }
        }
    }

    /// The per-column mean subtracted before projecting.
    public let mean: [Float]
    /// The principal axes as unit rows (`components × columns`), by decreasing variance.
    public let components: Matrix
    /// The variance along each axis.
    public let explainedVariance: [Float]
    /// Each axis' share of the total variance.
    public let explainedVarianceRatio: [Float]

    /// Fits the first `components` principal axes of `data`.
    ///
    /// Axis signs are fixed so that the largest-magnitude entry of each axis is positive.
    public init(fitting data: Matrix, components count: Int) throws {
        let n = data.rows
        let d = data.columns
        guard count >= 1, count <= d else { throw Error.invalidComponentCount(requested: count, columns: d) }
        guard n >= 2 else { throw Error.tooFewRows(n) }
        var mean = [Double](repeating: 0, count: d)
        for r in 0 ..< n {
            for c in 0 ..< d { mean[c] += Double(data.values[r * d + c]) }
        }
        let meanF = mean.map { Float($0 / Double(n)) }
        var centered = data
        for r in 0 ..< n {
            for c in 0 ..< d { centered.values[r * d + c] -= meanF[c] }
        }
        // Covariance Xcᵀ·Xc / (n − 1): symmetric, so row- and column-major agree.
        var cov = centered.multiplied(by: centered, transposeSelf: true)
        let scale = 1 / Float(n - 1)
        for i in cov.values.indices { cov.values[i] *= scale }
        let totalVariance = (0 ..< d).reduce(Float(0)) { $0 + cov[$1, $1] }

        var eigenvalues = [Float](repeating: 0, count: d)
        var info: Int32 = 0
        var dim = Int32(d)
        var lwork: Int32 = -1
        var liwork: Int32 = -1
        var workSize: Float = 0
        var iworkSize: Int32 = 0
        ssyevd_("V", "U", &dim, &cov.values, &dim, &eigenvalues, &workSize, &lwork, &iworkSize, &liwork, &info)
        lwork = Int32(workSize)
        liwork = iworkSize
        var work = [Float](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        ssyevd_("V", "U", &dim, &cov.values, &dim, &eigenvalues, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw Error.eigenDecompositionFailed(info: Int(info)) }

        // Eigenvalues come ascending; eigenvector j is the contiguous run cov.values[j*d ..< (j+1)*d].
        var axes = [Float]()
        axes.reserveCapacity(count * d)
        var variances = [Float]()
        for j in (d - count ..< d).reversed() {
            var axis = Array(cov.values[j * d ..< (j + 1) * d])
            let largest = axis.max { abs($0) < abs($1) } ?? 0
            if largest < 0 { axis = axis.map { -$0 } }
            axes += axis
            variances.append(max(0, eigenvalues[j]))
        }
        self.mean = meanF
        self.components = Matrix(rows: count, columns: d, values: axes)
        self.explainedVariance = variances
        self.explainedVarianceRatio = variances.map { totalVariance > 0 ? $0 / totalVariance : 0 }
    }

    /// Projects `data` (with the fitted number of columns) onto the principal axes.
    public func transform(_ data: Matrix) -> Matrix {
        precondition(data.columns == mean.count, "expected \(mean.count) columns, got \(data.columns)")
        var centered = data
        let d = data.columns
        for r in 0 ..< data.rows {
            for c in 0 ..< d { centered.values[r * d + c] -= mean[c] }
        }
        return centered.multiplied(by: components, transposeOther: true)
    }
}

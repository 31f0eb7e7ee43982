import CBLAS
import Foundation
import StrataMath

/// The shape of each mixture component's covariance.
public enum CovarianceType: String, Sendable, CaseIterable {
    /// One variance per component and column.
    case diagonal
    /// One variance per component.
    case spherical
}

/// A fitted Gaussian mixture.
public struct GaussianMixtureResult: Sendable {
    /// The most probable component of each row.
    public let labels: [Int]
    /// P(component | row), `rows × k`.
    public let posteriors: Matrix
    public let weights: [Double]
    /// Component means, `k × columns`.
    public let means: Matrix
    /// Variances, `k × columns` (diagonal) or `k × 1` (spherical).
    public let variances: Matrix
    /// Mean log-likelihood per row under the final parameters.
    public let meanLogLikelihood: Double
    /// Bayesian information criterion (lower is better), as scikit-learn's `bic`.
    public let bic: Double
    public let iterations: Int
    public let converged: Bool
}

/// A Gaussian mixture fitted by EM as scikit-learn's `GaussianMixture` does: responsibilities
/// initialised from a k-means fit, `regularization` added to every variance, and iterations until
/// the mean log-likelihood improves by less than `tolerance`.
public struct GaussianMixture: Sendable {
    public var components: Int
    public var covariance: CovarianceType
    public var maxIterations: Int
    public var tolerance: Double
    public var regularization: Double
    public var seed: UInt64

    /// Sets up a mixture fit; the parameters are checked when `fit` runs, not here.
    ///
    /// - Parameters:
    ///   - components: The number of Gaussians, 1 … the data's rows; `fit` throws `ClusterError.tooManyClusters`
    ///     outside that.
    ///   - covariance: `.diagonal` (a variance per component and column) or `.spherical` (one per component).
    ///   - maxIterations: The most EM iterations (≥ 1, else `fit` throws); a fit that reaches it reports
    ///     `converged == false`.
    ///   - tolerance: Stop once the mean log-likelihood per row (nats) changes by less than this; the first
    ///     iteration never stops, and 0 or less runs all `maxIterations`.
    ///   - regularization: Added to every variance, in squared data units; at 0 a component whose points agree
    ///     in a column can get a zero variance and a non-finite likelihood.
    ///   - seed: Seeds the k-means fit (one start, Euclidean) that initialises the responsibilities.
    public init(
        components: Int, covariance: CovarianceType = .diagonal, maxIterations: Int = 100,
        tolerance: Double = 1e-3, regularization: Double = 1e-6, seed: UInt64 = 0
    ) {
        self.components = components
        self.covariance = covariance
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.regularization = regularization
        self.seed = seed
    }

    public func fit(_ data: Matrix) throws -> GaussianMixtureResult {
        try validate(data, k: components)
        guard maxIterations >= 1 else {
            throw ClusterError.invalidParameter(
                name: "maxIterations", value: "\(maxIterations)", expected: "at least 1")
        }
        let n = data.rows
        let k = components
        let start = try KMeans(k: k, seed: seed).fit(data).labels
        var responsibilities = [Double](repeating: 0, count: n * k)
        for (r, label) in start.enumerated() { responsibilities[r * k + label] = 1 }
        let points = Points(data)
        var model = maximization(points, responsibilities)
        var previous = -Double.infinity
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            let (logLikelihood, posterior) = model.expectation(points)
            model = maximization(points, posterior)
            let change = logLikelihood - previous
            previous = logLikelihood
            if abs(change) < tolerance {
                converged = true
                break
            }
        }
        let (logLikelihood, posterior) = model.expectation(points)
        let labels = (0 ..< n).map { r in (0 ..< k).max { posterior[r * k + $0] < posterior[r * k + $1] }! }
        let parameters = Double(k * data.columns + (k - 1) + (covariance == .diagonal ? k * data.columns : k))
        return GaussianMixtureResult(
            labels: labels, posteriors: Matrix(rows: n, columns: k, values: posterior.map { Float($0) }),
            weights: model.weights,
            means: Matrix(rows: k, columns: data.columns, values: model.means.map { Float($0) }),
            variances: Matrix(
                rows: k, columns: model.varianceColumns, values: model.reportedVariances.map { Float($0) }),
            meanLogLikelihood: logLikelihood,
            bic: -2 * logLikelihood * Double(n) + parameters * log(Double(n)),
            iterations: iterations, converged: converged)
    }

    /// The data in `Double` with its squares, the operands of the EM gemms.
    private struct Points {
        let rows: Int, columns: Int
        let values: [Double]
        let squares: [Double]

        init(_ data: Matrix) {
            rows = data.rows
            columns = data.columns
            values = data.values.map { Double($0) }
            squares = values.map { $0 * $0 }
        }
    }

    /// Weights, means and variances from responsibilities (`rows × k`):
    /// Σ resp·x and Σ resp·x² per component are two gemms.
    private func maximization(_ points: Points, _ resp: [Double]) -> Model {
        let n = points.rows
        let d = points.columns
        let k = components
        var mass = [Double](repeating: 10 * Double.ulpOfOne, count: k)
        for r in 0 ..< n {
            for j in 0 ..< k { mass[j] += resp[r * k + j] }
        }
        var means = [Double](repeating: 0, count: k * d)
        var squares = [Double](repeating: 0, count: k * d)
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(k), Int32(d), Int32(n), 1, resp, Int32(k),
            points.values, Int32(d), 0, &means, Int32(d))
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(k), Int32(d), Int32(n), 1, resp, Int32(k),
            points.squares, Int32(d), 0, &squares, Int32(d))
        var variances = [Double](repeating: 0, count: k * d)
        for j in 0 ..< k {
            for c in 0 ..< d {
                means[j * d + c] /= mass[j]
                let m = means[j * d + c]
                variances[j * d + c] = squares[j * d + c] / mass[j] - m * m + regularization
            }
        }
        if covariance == .spherical {
            for j in 0 ..< k {
                let mean = variances[j * d ..< (j + 1) * d].reduce(0, +) / Double(d)
                for c in 0 ..< d { variances[j * d + c] = mean }
            }
        }
        return Model(
            weights: mass.map { $0 / Double(n) }, means: means, variances: variances, columns: d,
            varianceColumns: covariance == .diagonal ? d : 1)
    }

    private struct Model {
        let weights: [Double]
        let means: [Double]
        /// `k × columns`; every column of a row is equal for spherical components.
        let variances: [Double]
        let columns: Int
        let varianceColumns: Int

        /// The variances as reported: per column (diagonal) or one per component (spherical).
        var reportedVariances: [Double] {
            varianceColumns == 1 ? stride(from: 0, to: variances.count, by: columns).map { variances[$0] } : variances
        }

        /// The mean log-likelihood and the posterior of every component for every row.
        ///
        /// Σ_c (x_c − μ_c)² / σ²_c = x²·(1/σ²) − 2·x·(μ/σ²) + Σ μ²/σ², the first two terms as gemms.
        func expectation(_ points: Points) -> (Double, [Double]) {
            let n = points.rows
            let d = columns
            let k = weights.count
            let precisions = variances.map { 1 / $0 }
            let scaledMeans = zip(means, precisions).map { $0 * $1 }
            let constant = (0 ..< k).map { j -> Double in
                var logDeterminant = 0.0
                var meanTerm = 0.0
                for c in 0 ..< d {
                    logDeterminant += log(variances[j * d + c])
                    meanTerm += means[j * d + c] * scaledMeans[j * d + c]
                }
                return log(weights[j]) - 0.5 * (Double(d) * log(2 * Double.pi) + logDeterminant + meanTerm)
            }
            var posterior = [Double](repeating: 0, count: n * k)
            cblas_dgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(k), Int32(d), -0.5, points.squares,
                Int32(d), precisions, Int32(d), 0, &posterior, Int32(k))
            cblas_dgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(k), Int32(d), 1, points.values,
                Int32(d), scaledMeans, Int32(d), 1, &posterior, Int32(k))
            var total = 0.0
            for r in 0 ..< n {
                var top = -Double.infinity
                for j in 0 ..< k {
                    posterior[r * k + j] += constant[j]
                    top = max(top, posterior[r * k + j])
                }
                var sum = 0.0
                for j in 0 ..< k { sum += exp(posterior[r * k + j] - top) }
                let logNorm = top + log(sum)
                total += logNorm
                for j in 0 ..< k { posterior[r * k + j] = exp(posterior[r * k + j] - logNorm) }
            }
            return (total / Double(n), posterior)
        }
    }
}

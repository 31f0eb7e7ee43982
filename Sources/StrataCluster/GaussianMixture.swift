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

    public init(components: Int, covariance: CovarianceType = .diagonal, maxIterations: Int = 100,
                tolerance: Double = 1e-3, regularization: Double = 1e-6, seed: UInt64 = 0) {
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
            throw ClusterError.invalidParameter(name: "maxIterations", value: "\(maxIterations)", expected: "at least 1")
        }
        let n = data.rows, k = components
        let start = try KMeans(k: k, seed: seed).fit(data).labels
        var responsibilities = [Double](repeating: 0, count: n * k)
        for (r, label) in start.enumerated() { responsibilities[r * k + label] = 1 }
        var model = maximization(data, responsibilities)
        var previous = -Double.infinity
        var iterations = 0, converged = false
        while iterations < maxIterations {
            iterations += 1
            let (logLikelihood, posterior) = model.expectation(data)
            model = maximization(data, posterior)
            let change = logLikelihood - previous
            previous = logLikelihood
            if abs(change) < tolerance {
                converged = true
                break
            }
        }
        let (logLikelihood, posterior) = model.expectation(data)
        let labels = (0 ..< n).map { r in (0 ..< k).max { posterior[r * k + $0] < posterior[r * k + $1] }! }
        let parameters = Double(k * data.columns + (k - 1) + (covariance == .diagonal ? k * data.columns : k))
        return GaussianMixtureResult(
            labels: labels, posteriors: Matrix(rows: n, columns: k, values: posterior.map { Float($0) }),
            weights: model.weights,
            means: Matrix(rows: k, columns: data.columns, values: model.means.map { Float($0) }),
            variances: Matrix(rows: k, columns: model.varianceColumns, values: model.variances.map { Float($0) }),
            meanLogLikelihood: logLikelihood,
            bic: -2 * logLikelihood * Double(n) + parameters * log(Double(n)),
            iterations: iterations, converged: converged)
    }

    /// Weights, means and variances from responsibilities (`rows × k`).
    private func maximization(_ data: Matrix, _ resp: [Double]) -> Model {
        let n = data.rows, d = data.columns, k = components
        var mass = [Double](repeating: 10 * Double.ulpOfOne, count: k)
        var means = [Double](repeating: 0, count: k * d)
        var squares = [Double](repeating: 0, count: k * d)
        for r in 0 ..< n {
            for j in 0 ..< k {
                let w = resp[r * k + j]
                guard w != 0 else { continue }
                mass[j] += w
                for c in 0 ..< d {
                    let x = Double(data.values[r * d + c])
                    means[j * d + c] += w * x
                    squares[j * d + c] += w * x * x
                }
            }
        }
        var variances = [Double](repeating: 0, count: k * d)
        for j in 0 ..< k {
            for c in 0 ..< d {
                means[j * d + c] /= mass[j]
                let m = means[j * d + c]
                variances[j * d + c] = squares[j * d + c] / mass[j] - m * m + regularization
            }
        }
        if covariance == .spherical {
            variances = (0 ..< k).map { j in variances[j * d ..< (j + 1) * d].reduce(0, +) / Double(d) }
        }
        return Model(weights: mass.map { $0 / Double(n) }, means: means, variances: variances, columns: d,
                     varianceColumns: covariance == .diagonal ? d : 1)
    }

    private struct Model {
        let weights: [Double]
        let means: [Double]
        let variances: [Double]
        let columns: Int
        let varianceColumns: Int

        /// The mean log-likelihood and the posterior of every component for every row.
        func expectation(_ data: Matrix) -> (Double, [Double]) {
            let n = data.rows, d = columns, k = weights.count
            let logTwoPi = log(2 * Double.pi)
            let constant = (0 ..< k).map { j -> Double in
                let logDeterminant = varianceColumns == 1
                    ? Double(d) * log(variances[j])
                    : variances[j * d ..< (j + 1) * d].reduce(0) { $0 + log($1) }
                return log(weights[j]) - 0.5 * (Double(d) * logTwoPi + logDeterminant)
            }
            var posterior = [Double](repeating: 0, count: n * k)
            var total = 0.0
            for r in 0 ..< n {
                var top = -Double.infinity
                for j in 0 ..< k {
                    var s = 0.0
                    for c in 0 ..< d {
                        let diff = Double(data.values[r * d + c]) - means[j * d + c]
                        s += diff * diff / variances[varianceColumns == 1 ? j : j * d + c]
                    }
                    let value = constant[j] - 0.5 * s
                    posterior[r * k + j] = value
                    top = max(top, value)
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

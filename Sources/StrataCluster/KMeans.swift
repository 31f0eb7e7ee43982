import StrataMath

/// The outcome of a k-means fit.
public struct KMeansResult: Sendable {
    /// The cluster of each row, `0..<k`.
    public let labels: [Int]
    /// The cluster centres (`k × columns`); unit rows for the spherical variant.
    public let centroids: Matrix
    /// The within-cluster sum of squared distances (Σ 1 − cos for the spherical variant).
    public let inertia: Double
    /// Lloyd iterations (or mini-batch steps) run.
    public let iterations: Int
    /// The metric the centroids were fitted under.
    public let metric: Metric

    /// The nearest centroid of each row of `data`.
    public func assign(_ data: Matrix) -> [Int] {
        BLAS.singleThreaded {
            let points = metric.prepared(data)
            return AssignmentPass(points, norms: points.squaredRowNorms, centroids: centroids, accumulate: false).labels
        }
    }
}

/// k-means: greedy k-means++ seeding and Lloyd iterations whose distances are BLAS gemm,
/// with scikit-learn's stopping rule (labels stable, or total squared centre shift ≤ tolerance × mean column variance).
///
/// With `metric: .cosine` it is spherical k-means: rows and centroids are unit vectors and the
/// objective is Σ (1 − cos).
public struct KMeans: Sendable {
    public var k: Int
    public var nInit: Int
    public var maxIterations: Int
    public var tolerance: Double
    public var metric: Metric
    public var seed: UInt64

    /// Sets up a k-means fit; the parameters are checked when `fit` runs, not here.
    ///
    /// - Parameters:
    ///   - k: The number of clusters, 1 … the data's rows; `fit` throws `ClusterError.tooManyClusters` outside that.
    ///   - nInit: Seeded k-means++ starts (≥ 1, else `fit` throws `invalidParameter`); the lowest inertia wins, and
    ///     the time grows with it. `fit(_:initialCentroids:)` ignores it.
    ///   - maxIterations: The most Lloyd iterations per start (≥ 1); a start that reaches it keeps its current centres.
    ///   - tolerance: A start stops once an iteration's total squared centre shift is ≤ `tolerance` × the data's
    ///     mean column variance (of the unit rows under cosine); 0 runs until the labels are stable; negative throws.
    ///   - metric: `.euclidean`, or `.cosine` for spherical k-means (rows scaled to unit length; all-zero rows stay 0).
    ///   - seed: Seeds the k-means++ draws: the same seed and data give the same result.
    public init(
        k: Int, nInit: Int = 1, maxIterations: Int = 300, tolerance: Double = 1e-4,
        metric: Metric = .euclidean, seed: UInt64 = 0
    ) {
        self.k = k
        self.nInit = nInit
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.metric = metric
        self.seed = seed
    }

    /// Runs `nInit` seeded k-means++ starts and keeps the one with the lowest inertia.
    public func fit(_ data: Matrix) throws -> KMeansResult {
        try BLAS.singleThreaded {
            try checkParameters(data)
            let points = metric.prepared(data)
            let norms = points.squaredRowNorms
            var random = SeededRandom(seed: seed)
            var best: KMeansResult?
            for _ in 0 ..< nInit {
                let start = KMeansPlusPlus.centroids(points, norms: norms, k: k, random: &random)
                let result = lloyd(points, norms: norms, from: start)
                if best == nil || result.inertia < best!.inertia { best = result }
            }
            return best!
        }
    }

    /// Runs Lloyd iterations from the given centres (`k × columns`), e.g. to reproduce another run.
    public func fit(_ data: Matrix, initialCentroids: Matrix) throws -> KMeansResult {
        try BLAS.singleThreaded {
            try checkParameters(data)
            guard initialCentroids.rows == k, initialCentroids.columns == data.columns else {
                throw ClusterError.lengthMismatch(
                    what: "initial centroids of \(data.columns) columns", expected: k, found: initialCentroids.rows)
            }
            let points = metric.prepared(data)
            return lloyd(points, norms: points.squaredRowNorms, from: metric.prepared(initialCentroids))
        }
    }

    private func checkParameters(_ data: Matrix) throws {
        try validate(data, k: k)
        guard nInit >= 1 else {
            throw ClusterError.invalidParameter(name: "nInit", value: "\(nInit)", expected: "at least 1")
        }
        guard maxIterations >= 1 else {
            throw ClusterError.invalidParameter(
                name: "maxIterations", value: "\(maxIterations)", expected: "at least 1")
        }
        guard tolerance >= 0 else {
            throw ClusterError.invalidParameter(name: "tolerance", value: "\(tolerance)", expected: "at least 0")
        }
    }

    private func lloyd(_ points: Matrix, norms: [Float], from start: Matrix) -> KMeansResult {
        let outcome = BoundedLloyd(points: points, norms: norms, spherical: metric == .cosine)
            .run(from: start, maxIterations: maxIterations, threshold: tolerance * meanColumnVariance(points))
        let squares = sumOfSquares(points, labels: outcome.labels, centroids: outcome.centroids)
        return KMeansResult(
            labels: outcome.labels, centroids: outcome.centroids, inertia: metric == .cosine ? squares / 2 : squares,
            iterations: outcome.iterations, metric: metric)
    }
}

import StrataMath

/// Mini-batch k-means (Sculley 2010, as scikit-learn's `MiniBatchKMeans`): k-means++ on a subsample,
/// then centre updates from random batches with per-centre learning rates 1 / (points seen), stopping
/// when the smoothed batch inertia has not improved for `maxNoImprovement` steps.
public struct MiniBatchKMeans: Sendable {
    public var k: Int
    public var batchSize: Int
    /// Passes over the data (scikit-learn's `max_iter`); steps = maxIterations · rows / batchSize.
    public var maxIterations: Int
    public var maxNoImprovement: Int
    public var seed: UInt64

    /// Sets up a mini-batch k-means fit (Euclidean only); the parameters are checked when `fit` runs.
    ///
    /// - Parameters:
    ///   - k: The number of clusters, 1 … the data's rows; `fit` throws `ClusterError.tooManyClusters` outside that.
    ///   - batchSize: Rows drawn (with replacement) per step, ≥ 1 (else `fit` throws); more than the rows counts as
    ///     the rows. k-means++ seeds on max(3 · batchSize, 3 · k) sampled rows, or on all rows when there are no more.
    ///   - maxIterations: Passes over the data (≥ 1): the step cap is max(1, maxIterations · rows / batch rows).
    ///   - maxNoImprovement: Stop after this many consecutive steps in which the smoothed batch inertia did not
    ///     beat its best; 0 or 1 stops at the first such step.
    ///   - seed: Seeds the subsample, the k-means++ draws and every batch.
    public init(k: Int, batchSize: Int = 1024, maxIterations: Int = 100, maxNoImprovement: Int = 10, seed: UInt64 = 0) {
        self.k = k
        self.batchSize = batchSize
        self.maxIterations = maxIterations
        self.maxNoImprovement = maxNoImprovement
        self.seed = seed
    }

    public func fit(_ data: Matrix) throws -> KMeansResult {
        try BLAS.singleThreaded {
            try validate(data, k: k)
            guard batchSize >= 1 else {
                throw ClusterError.invalidParameter(name: "batchSize", value: "\(batchSize)", expected: "at least 1")
            }
            guard maxIterations >= 1 else {
                throw ClusterError.invalidParameter(
                    name: "maxIterations", value: "\(maxIterations)", expected: "at least 1")
            }
            let n = data.rows
            let d = data.columns
            var random = SeededRandom(seed: seed)
            let norms = data.squaredRowNorms
            func sample(_ count: Int) -> [Int] { (0 ..< count).map { _ in Int(random.next() % UInt64(n)) } }

            let initIndices = n <= max(3 * batchSize, 3 * k) ? Array(0 ..< n) : sample(max(3 * batchSize, 3 * k))
            let initRows = data.rows(at: initIndices)
            var centroids = KMeansPlusPlus.centroids(
                initRows, norms: initIndices.map { norms[$0] }, k: k, random: &random)
            var seen = [Double](repeating: 0, count: k)

            let steps = max(1, maxIterations * n / min(batchSize, n))
            let smoothing = min(1, 2 * Double(batchSize) / Double(n + 1))
            var smoothed: Double?
            var best = Double.infinity
            var stalled = 0
            var step = 0
            while step < steps {
                step += 1
                let batch = sample(min(batchSize, n))
                let rows = data.rows(at: batch)
                let pass = AssignmentPass(rows, norms: batch.map { norms[$0] }, centroids: centroids, accumulate: true)
                for j in 0 ..< k where pass.counts[j] > 0 {
                    let total = seen[j] + Double(pass.counts[j])
                    for c in 0 ..< d {
                        let old = Double(centroids.values[j * d + c])
                        centroids.values[j * d + c] = Float((old * seen[j] + pass.sums[j * d + c]) / total)
                    }
                    seen[j] = total
                }
                let batchInertia = pass.distances.reduce(0.0) { $0 + Double($1) } / Double(batch.count)
                let current = smoothed.map { $0 * (1 - smoothing) + batchInertia * smoothing } ?? batchInertia
                smoothed = current
                if current < best {
                    (best, stalled) = (current, 0)
                } else {
                    stalled += 1
                    if stalled >= maxNoImprovement { break }
                }
            }
            let labels = AssignmentPass(data, norms: norms, centroids: centroids, accumulate: false).labels
            return KMeansResult(
                labels: labels, centroids: centroids, inertia: sumOfSquares(data, labels: labels, centroids: centroids),
                iterations: step, metric: .euclidean)
        }
    }
}

import StrataMath

extension ClusterMetrics {
    /// The mean silhouette coefficient over all points (−1…1, higher is better); scikit-learn's
    /// `silhouette_score`. Points alone in their cluster score 0. Distances come from blocked gemm,
    /// so memory stays O(n) while time is O(n²·d).
    public static func silhouette(_ data: Matrix, labels: [Int], metric: Metric = .euclidean) throws -> Double {
        try silhouetteSamples(data, labels: labels, metric: metric).reduce(0, +) / Double(data.rows)
    }

    /// The silhouette coefficient of every point (scikit-learn's `silhouette_samples`), e.g. to score
    /// each cluster's cohesion by its members' mean.
    public static func silhouetteSamples(_ data: Matrix, labels: [Int], metric: Metric = .euclidean) throws -> [Double]
    {
        try BLAS.singleThreaded {
            let groups = try Groups(data, labels: labels, minimumClusters: 2)
            let k = groups.labels.count
            let codes = groups.labels.codes
            let sizes = groups.sizes
            var points = metric.prepared(data)
            if metric == .euclidean { points = Distances.centeredColumns(points) }
            let norms = points.squaredRowNorms
            let n = data.rows
            let parts: [[Double]] = Distances.forEachBlock(
                points, aNorms: norms, to: points, bNorms: norms,
                { range, block, scores in
                    var sums = [Double](repeating: 0, count: k)
                    for (i, r) in range.enumerated() {
                        scores.append(0)
                        for j in 0 ..< k { sums[j] = 0 }
                        for q in 0 ..< n where q != r {
                            sums[codes[q]] += Double(metric.distance(squaredEuclidean: block[i * n + q]))
                        }
                        let own = codes[r]
                        guard sizes[own] > 1 else { continue }
                        let a = sums[own] / Double(sizes[own] - 1)
                        var b = Double.infinity
                        for j in 0 ..< k where j != own { b = min(b, sums[j] / Double(sizes[j])) }
                        let denominator = max(a, b)
                        scores[scores.count - 1] = denominator > 0 ? (b - a) / denominator : 0
                    }
                }, initial: [Double]())
            return parts.flatMap { $0 }
        }
    }

    /// The silhouette of a seeded random sample of `sampleSize` points (scikit-learn's `sample_size`),
    /// for data sets too large for the exact O(n²) score.
    ///
    /// - Parameters:
    ///   - data: The points, one per row; non-empty and finite.
    ///   - labels: One cluster label per row (else `ClusterError.lengthMismatch`); any integers, −1 counting as
    ///     one more cluster.
    ///   - sampleSize: Rows scored, drawn without replacement; at least the number of rows scores every row exactly
    ///     (`silhouette`, O(rows²) time); below 2 (with more rows than that) throws `invalidParameter`.
    ///   - metric: `.euclidean`, or `.cosine` (distance 1 − cos).
    ///   - seed: Seeds the sample; unused when every row is scored.
    /// - Returns: The mean silhouette of the scored rows, −1 … 1; a point alone in its cluster scores 0.
    /// - Throws: `ClusterError` for mismatched or invalid input, or when the scored labels hold fewer than 2
    ///   clusters or one per row.
    public static func sampledSilhouette(
        _ data: Matrix, labels: [Int], sampleSize: Int, metric: Metric = .euclidean, seed: UInt64 = 0
    ) throws -> Double {
        guard labels.count == data.rows else {
            throw ClusterError.lengthMismatch(what: "labels", expected: data.rows, found: labels.count)
        }
        guard sampleSize < data.rows else { return try silhouette(data, labels: labels, metric: metric) }
        guard sampleSize >= 2 else {
            throw ClusterError.invalidParameter(name: "sampleSize", value: "\(sampleSize)", expected: "at least 2")
        }
        var random = SeededRandom(seed: seed)
        let chosen = random.sample(sampleSize, of: data.rows)
        return try silhouette(data.rows(at: chosen), labels: chosen.map { labels[$0] }, metric: metric)
    }
}

import StrataMath

/// Choosing the number of clusters: the best silhouette for k-means, the lowest BIC for mixtures.
public enum KSelection {
    /// The candidate ks with their scores and the chosen one.
    public struct Choice: Sendable {
        public let best: Int
        /// `(k, score)` for every candidate, in order.
        public let scores: [(k: Int, score: Double)]
    }

    /// Fits k-means for every k in `ks` and picks the highest silhouette (sampled on at most
    /// `sampleSize` points).
    ///
    /// - Parameters:
    ///   - data: The rows to cluster; every candidate is fitted on all of them.
    ///   - ks: The candidate cluster counts: 2 ≤ k < the number of rows, else `ClusterError.invalidParameter`.
    ///   - metric: The metric of both the k-means fits (`.cosine` is spherical k-means) and the silhouette.
    ///   - nInit: k-means++ starts per candidate (≥ 1); the time grows with it.
    ///   - sampleSize: Rows the silhouette is scored on, a seeded sample without replacement; at least the number
    ///     of rows scores every row exactly (O(rows²) time); below 2 (with more rows than that) throws.
    ///   - seed: Seeds every k-means fit and the silhouette sample (the same sample for every k).
    /// - Returns: Every candidate's silhouette in `ks` order and the k of the highest (ties: the smallest k).
    /// - Throws: `ClusterError` for a bad range or parameter, or when the sampled labels hold a single cluster
    ///   (or one per row).
    public static func bySilhouette(
        _ data: Matrix, ks: ClosedRange<Int>, metric: Metric = .euclidean, nInit: Int = 1,
        sampleSize: Int = 3000, seed: UInt64 = 0
    ) throws -> Choice {
        try choose(ks, points: data.rows, lowerIsBetter: false) { k in
            let fit = try KMeans(k: k, nInit: nInit, metric: metric, seed: seed).fit(data)
            return try ClusterMetrics.sampledSilhouette(
                data, labels: fit.labels, sampleSize: sampleSize, metric: metric, seed: seed)
        }
    }

    /// Fits a Gaussian mixture for every k in `ks` and picks the lowest BIC.
    ///
    /// - Parameters:
    ///   - data: The rows to fit; every candidate is fitted on all of them (default EM settings).
    ///   - ks: The candidate component counts: 2 ≤ k < the number of rows, else `ClusterError.invalidParameter`.
    ///   - covariance: Each component's covariance shape; `.spherical` has fewer parameters, so a lower BIC penalty.
    ///   - seed: Seeds the k-means initialisation of every mixture.
    /// - Returns: Every candidate's BIC in `ks` order and the k of the lowest (ties: the smallest k).
    /// - Throws: `ClusterError` for a bad range, or from a mixture's fit.
    public static func byBIC(
        _ data: Matrix, ks: ClosedRange<Int>, covariance: CovarianceType = .diagonal, seed: UInt64 = 0
    ) throws -> Choice {
        try choose(ks, points: data.rows, lowerIsBetter: true) { k in
            try GaussianMixture(components: k, covariance: covariance, seed: seed).fit(data).bic
        }
    }

    private static func choose(
        _ ks: ClosedRange<Int>, points: Int, lowerIsBetter: Bool, score: (Int) throws -> Double
    ) throws -> Choice {
        guard ks.lowerBound >= 2, ks.upperBound < points else {
            throw ClusterError.invalidParameter(
                name: "k range", value: "\(ks.lowerBound)...\(ks.upperBound)",
                expected: "2 ≤ k < number of points (\(points))")
        }
        let scores = try ks.map { (k: $0, score: try score($0)) }
        let best = scores.min { lowerIsBetter ? $0.score < $1.score : $0.score > $1.score }!
        return Choice(best: best.k, scores: scores)
    }
}

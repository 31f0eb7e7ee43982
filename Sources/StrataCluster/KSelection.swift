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

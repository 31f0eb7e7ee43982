/// A clustering method named by its algorithm and settings: the one place where a `Clusterer` is made
/// from a name (`strata cluster`'s options, a segmenter's stored settings).
public struct ClusterMethod: Sendable, Equatable {
    /// The clustering algorithms.
    public enum Algorithm: String, Codable, CaseIterable, Sendable {
        case kmeans, minibatch, dbscan, hdbscan, agglomerative, gmm
    }

    public var algorithm: Algorithm
    /// The number of clusters (components for `gmm`); DBSCAN and HDBSCAN find their own, and agglomerative
    /// clustering with a `distanceThreshold` cuts there instead.
    public var k: Int
    /// k-means starts (the best inertia wins).
    public var nInit = 1
    /// Iterations (k-means, mixtures) or passes over the data (mini-batch); `nil` keeps each method's default.
    public var maxIterations: Int?
    /// `.euclidean`, or `.cosine` (spherical k-means; unit rows for the density methods). Mini-batch k-means
    /// and mixtures are Euclidean whatever it says; Ward's linkage refuses any other (`ClusterError`).
    public var metric: Metric = .euclidean
    /// Seeds every random choice: the same seed and data give the same clusters.
    public var seed: UInt64 = 0
    /// DBSCAN's neighbourhood radius, in `metric` units.
    public var eps: Float = 0.5
    /// Neighbours that make a point core: DBSCAN's (`nil`: 5), HDBSCAN's (`nil`: `minClusterSize`).
    public var minSamples: Int?
    /// HDBSCAN's smallest cluster.
    public var minClusterSize = 5
    /// Agglomerative linkage.
    public var linkage: Linkage = .ward
    /// Agglomerative clustering cut where merges reach this distance instead of at `k`.
    public var distanceThreshold: Float?
    /// A mixture's covariance.
    public var covariance: CovarianceType = .diagonal
    /// Mini-batch size.
    public var batchSize = 1024

    /// `algorithm` with `k` clusters and every other setting at its default.
    public init(_ algorithm: Algorithm, k: Int) {
        self.algorithm = algorithm
        self.k = k
    }

    /// The method these settings name.
    public func clusterer() -> any Clusterer {
        switch algorithm {
        case .kmeans:
            KMeans(k: k, nInit: nInit, maxIterations: maxIterations ?? 300, metric: metric, seed: seed)
        case .minibatch:
            MiniBatchKMeans(k: k, batchSize: batchSize, maxIterations: maxIterations ?? 100, seed: seed)
        case .dbscan:
            DBSCAN(eps: eps, minSamples: minSamples ?? 5, metric: metric)
        case .hdbscan:
            HDBSCAN(minClusterSize: minClusterSize, minSamples: minSamples, metric: metric)
        case .agglomerative:
            AgglomerativeCut(
                AgglomerativeClustering(linkage: linkage, metric: metric),
                level: distanceThreshold.map { .distance($0) } ?? .clusterCount(k))
        case .gmm:
            GaussianMixture(
                components: k, covariance: covariance, maxIterations: maxIterations ?? 100, seed: seed)
        }
    }
}

import StrataMath

/// A clustering method with its settings, so callers (segments, `strata cluster`) hold one value
/// instead of switching over algorithms: k-means, mini-batch k-means, DBSCAN, HDBSCAN, Gaussian
/// mixtures and agglomerative clustering cut at a level conform.
public protocol Clusterer: Sendable {
    /// Clusters the rows of `data`: a label per row (−1 for noise) and what the method measured.
    func cluster(_ data: Matrix) throws -> Clustering
}

/// What a `Clusterer` found.
public struct Clustering: Sendable {
    /// The cluster of every row, −1 for noise.
    public var labels: [Int]
    /// Each row's membership probability per cluster (mixtures only).
    public var posteriors: Matrix?
    /// The objective of k-means variants.
    public var inertia: Double?
    /// The iterations an iterative method ran.
    public var iterations: Int?
    /// The Bayesian information criterion of a mixture.
    public var bic: Double?

    public init(
        labels: [Int], posteriors: Matrix? = nil, inertia: Double? = nil, iterations: Int? = nil, bic: Double? = nil
    ) {
        self.labels = labels
        self.posteriors = posteriors
        self.inertia = inertia
        self.iterations = iterations
        self.bic = bic
    }
}

extension KMeans: Clusterer {
    public func cluster(_ data: Matrix) throws -> Clustering {
        let result = try fit(data)
        return Clustering(labels: result.labels, inertia: result.inertia, iterations: result.iterations)
    }
}

extension MiniBatchKMeans: Clusterer {
    public func cluster(_ data: Matrix) throws -> Clustering {
        let result = try fit(data)
        return Clustering(labels: result.labels, inertia: result.inertia, iterations: result.iterations)
    }
}

extension DBSCAN: Clusterer {
    public func cluster(_ data: Matrix) throws -> Clustering { Clustering(labels: try fit(data).labels) }
}

extension HDBSCAN: Clusterer {
    public func cluster(_ data: Matrix) throws -> Clustering { Clustering(labels: try fit(data).labels) }
}

extension GaussianMixture: Clusterer {
    public func cluster(_ data: Matrix) throws -> Clustering {
        let result = try fit(data)
        return Clustering(
            labels: result.labels, posteriors: result.posteriors, iterations: result.iterations, bic: result.bic)
    }
}

/// Agglomerative clustering with the level its dendrogram is cut at.
public struct AgglomerativeCut: Clusterer {
    /// Where the dendrogram is cut.
    public enum Level: Sendable {
        /// Into this many clusters.
        case clusterCount(Int)
        /// Where merges grow farther apart than this distance.
        case distance(Float)
    }

    public var clustering: AgglomerativeClustering
    public var level: Level

    /// Sets up a dendrogram fit and the cut `cluster` applies to it; nothing is checked until `cluster` runs.
    ///
    /// - Parameters:
    ///   - clustering: How the dendrogram is built; the default is Ward linkage, Euclidean, at most 30,000 points
    ///     (more throw `ClusterError.tooManyPoints`: the distance matrix takes 4 · rows² bytes).
    ///   - level: `.clusterCount(k)` undoes the last k − 1 merges, k in 1 … rows (else `cluster` throws
    ///     `ClusterError.tooManyClusters`); `.distance(t)` applies every merge closer than t, in the merges'
    ///     distance units (the metric's distance, SciPy's Ward distance for Ward): t at or below the closest
    ///     merge leaves every point alone, above the farthest gives one cluster.
    public init(_ clustering: AgglomerativeClustering = AgglomerativeClustering(), level: Level) {
        self.clustering = clustering
        self.level = level
    }

    public func cluster(_ data: Matrix) throws -> Clustering {
        let dendrogram = try clustering.fit(data)
        switch level {
        case .clusterCount(let k): return Clustering(labels: try dendrogram.labels(clusterCount: k))
        case .distance(let threshold): return Clustering(labels: dendrogram.labels(distanceThreshold: threshold))
        }
    }
}

import StrataMath

/// The outcome of a density clustering: labels `0..<clusterCount`, −1 for noise.
public struct DensityResult: Sendable {
    public let labels: [Int]
    /// How strongly each point belongs to its cluster, 0…1 (0 for noise; 1 for every DBSCAN member).
    public let probabilities: [Double]
    public var clusterCount: Int { (labels.max() ?? -1) + 1 }
    public var noiseCount: Int { labels.lazy.filter { $0 < 0 }.count }
}

/// DBSCAN (Ester et al. 1996), with scikit-learn's conventions: a point is core when at least
/// `minSamples` points (itself included) lie within `eps`; clusters grow from core points in index
/// order and a border point joins the first cluster that reaches it.
public struct DBSCAN: Sendable {
    public var eps: Float
    public var minSamples: Int
    public var metric: Metric

    public init(eps: Float = 0.5, minSamples: Int = 5, metric: Metric = .euclidean) {
        self.eps = eps
        self.minSamples = minSamples
        self.metric = metric
    }

    public func fit(_ data: Matrix) throws -> DensityResult {
        try BLAS.singleThreaded {
            try validate(data)
            guard eps > 0, eps.isFinite else {
                throw ClusterError.invalidParameter(name: "eps", value: "\(eps)", expected: "a positive distance")
            }
            guard minSamples >= 1 else {
                throw ClusterError.invalidParameter(name: "minSamples", value: "\(minSamples)", expected: "at least 1")
            }
            let neighbours = neighbourhoods(metric.prepared(data))
            let n = data.rows
            let core = neighbours.map { $0.count >= minSamples }
            var labels = [Int](repeating: -1, count: n)
            var next = 0
            for start in 0 ..< n where labels[start] == -1 && core[start] {
                var stack = [start]
                while let i = stack.popLast() {
                    guard labels[i] == -1 else { continue }
                    labels[i] = next
                    guard core[i] else { continue }
                    for j in neighbours[i] where labels[j] == -1 { stack.append(j) }
                }
                next += 1
            }
            return DensityResult(labels: labels, probabilities: labels.map { $0 < 0 ? 0 : 1 })
        }
    }

    /// For every point, the indices of all points within `eps` (itself included).
    private func neighbourhoods(_ points: Matrix) -> [[Int]] {
        let centred = metric == .euclidean ? Distances.centeredColumns(points) : points
        let norms = centred.squaredRowNorms
        let limit = metric.squaredEuclidean(distance: eps)
        let n = points.rows
        let parts: [[[Int]]] = Distances.forEachBlock(
            centred, aNorms: norms, to: centred, bNorms: norms,
            { range, block, out in
                for (i, r) in range.enumerated() {
                    var list = [Int]()
                    for q in 0 ..< n where q == r || block[i * n + q] <= limit { list.append(q) }
                    out.append(list)
                }
            }, initial: [])
        return parts.flatMap { $0 }
    }
}

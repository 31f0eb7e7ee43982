import StrataMath

/// How the distance between two merged groups is defined.
public enum Linkage: String, Sendable, CaseIterable {
    /// Minimum increase of within-cluster variance (Euclidean only), SciPy's Ward distance.
    case ward
    /// Mean pairwise distance.
    case average
    /// Largest pairwise distance.
    case complete
}

/// Bottom-up hierarchical clustering by the nearest-neighbour chain algorithm on the dense distance
/// matrix (O(n²) memory and time), returning the whole dendrogram.
public struct AgglomerativeClustering: Sendable {
    public var linkage: Linkage
    public var metric: Metric
    /// The most points it clusters: the distance matrix takes 4·n² bytes (3.6 GB at the default).
    public var maximumPoints: Int

    public init(linkage: Linkage = .ward, metric: Metric = .euclidean, maximumPoints: Int = 30_000) {
        self.linkage = linkage
        self.metric = metric
        self.maximumPoints = maximumPoints
    }

    public func fit(_ data: Matrix) throws -> Dendrogram {
        try BLAS.singleThreaded {
            try validate(data)
            guard linkage != .ward || metric == .euclidean else {
                throw ClusterError.invalidParameter(
                    name: "metric", value: metric.rawValue, expected: "euclidean for ward linkage")
            }
            let n = data.rows
            guard n <= maximumPoints else {
                throw ClusterError.tooManyPoints(
                    method: "agglomerative clustering", points: n, limit: maximumPoints,
                    needs: formattedBytes(4 * Double(n) * Double(n)) + " for its distance matrix",
                    alternative: "use k-means or mini-batch k-means, or cluster a sample")
            }
            guard n > 1 else { return Dendrogram(pointCount: n, merges: []) }
            var dist = Distances.pairwise(metric.prepared(data), metric: metric)
            // Ward's Lance–Williams update is linear in squared distances.
            if linkage == .ward { for i in dist.values.indices { dist.values[i] *= dist.values[i] } }
            var size = [Int](repeating: 1, count: n)
            var alive = Array(0 ..< n)  // active slots, compacted by swap-removal
            var position = Array(0 ..< n)  // where each slot sits in `alive`
            var pairs = [(Int, Int, Float)]()
            var chain = [Int]()
            dist.values.withUnsafeMutableBufferPointer { d in
                while pairs.count < n - 1 {
                    if chain.isEmpty { chain.append(alive[0]) }
                    var x = 0
                    var y = 0
                    while true {
                        x = chain[chain.count - 1]
                        var best = chain.count > 1 ? chain[chain.count - 2] : -1
                        var bestDistance = best >= 0 ? d[x * n + best] : .infinity
                        let row = d.baseAddress! + x * n
                        for j in alive where j != x && row[j] < bestDistance { (best, bestDistance) = (j, row[j]) }
                        y = best
                        if chain.count > 1 && y == chain[chain.count - 2] { break }
                        chain.append(y)
                    }
                    chain.removeLast(2)
                    let height = d[x * n + y]
                    pairs.append((x, y, linkage == .ward ? height.squareRoot() : height))
                    // The merged cluster lives in slot y (which still holds point y, so pairs name points).
                    let (sx, sy) = (Float(size[x]), Float(size[y]))
                    for k in alive where k != x && k != y {
                        let (dkx, dky) = (d[x * n + k], d[y * n + k])
                        let merged: Float
                        switch linkage {
                        case .complete: merged = max(dkx, dky)
                        case .average: merged = (sx * dkx + sy * dky) / (sx + sy)
                        case .ward:
                            let sk = Float(size[k])
                            merged = ((sx + sk) * dkx + (sy + sk) * dky - sk * height) / (sx + sy + sk)
                        }
                        d[k * n + y] = merged
                        d[y * n + k] = merged
                    }
                    let last = alive.removeLast()
                    if last != x {
                        alive[position[x]] = last
                        position[last] = position[x]
                    }
                    size[y] += size[x]
                }
            }
            let sorted = pairs.enumerated().sorted { ($0.element.2, $0.offset) < ($1.element.2, $1.offset) }.map(
                \.element)
            return Dendrogram(pointCount: n, merges: StrataCluster.linkage(pointCount: n, sortedPairs: sorted))
        }
    }
}

/// A full merge history (SciPy linkage order: by increasing distance) and its flat cuts.
public struct Dendrogram: Sendable {
    public let pointCount: Int
    /// The `pointCount − 1` merges; merge `i` creates node `pointCount + i`.
    public let merges: [Merge]

    /// Labels `0..<k` from undoing the last `k − 1` merges.
    public func labels(clusterCount k: Int) throws -> [Int] {
        guard k >= 1, k <= pointCount else { throw ClusterError.tooManyClusters(k: k, points: pointCount) }
        return labels(applying: pointCount - k)
    }

    /// Labels from applying every merge below `threshold` (scikit-learn's `distance_threshold`).
    public func labels(distanceThreshold threshold: Float) -> [Int] {
        labels(applying: merges.prefix { $0.distance < threshold }.count)
    }

    private func labels(applying count: Int) -> [Int] {
        let n = pointCount
        var sets = UnionFind(count: 2 * n)
        for (i, merge) in merges.prefix(count).enumerated() { sets.union(merge.left, merge.right, into: n + i) }
        var code = [Int: Int]()
        return (0 ..< n).map { p in
            let root = sets.find(p)
            if let c = code[root] { return c }
            code[root] = code.count
            return code.count - 1
        }
    }
}

import StrataMath

/// HDBSCAN (Campello, Moulavi & Sander 2013) as the `hdbscan` package computes it: core distances
/// to the `minSamples`-th neighbour, a minimum spanning tree of the mutual-reachability distance
/// (Prim, O(n²·d)), the single-linkage hierarchy, its condensed tree for `minClusterSize`, and the
/// clusters of excess of mass. Noise is −1; probabilities are the membership strengths.
///
/// In hundreds of dimensions distances concentrate and most points look like noise: reduce first
/// (e.g. `PCA(fitting:components:)` to 5–10 dimensions), as BERTopic does before HDBSCAN.
public struct HDBSCAN: Sendable {
    public var minClusterSize: Int
    /// Neighbours that make a point core; `nil` means `minClusterSize`.
    public var minSamples: Int?
    public var metric: Metric

    public init(minClusterSize: Int = 5, minSamples: Int? = nil, metric: Metric = .euclidean) {
        self.minClusterSize = minClusterSize
        self.minSamples = minSamples
        self.metric = metric
    }

    public func fit(_ data: Matrix) throws -> DensityResult {
        try Parallel.singleThreadedBLAS {
            try validate(data)
            guard minClusterSize >= 2 else {
                throw ClusterError.invalidParameter(name: "minClusterSize", value: "\(minClusterSize)", expected: "at least 2")
            }
            if let m = minSamples, m < 1 {
                throw ClusterError.invalidParameter(name: "minSamples", value: "\(m)", expected: "at least 1")
            }
            let n = data.rows
            guard n > 1 else { return DensityResult(labels: [-1], probabilities: [0]) }
            let points = metric.prepared(data)
            let neighbours = max(1, min(n - 1, minSamples ?? minClusterSize))
            let core = coreDistances(points, neighbours: neighbours)
            let tree = minimumSpanningTree(points, core: core)
            let hierarchy = linkage(pointCount: n, sortedPairs: tree)
            return CondensedTree(hierarchy: hierarchy, pointCount: n, minClusterSize: minClusterSize).excessOfMassClusters()
        }
    }

    /// The distance from each point to its `neighbours`-th nearest other point.
    private func coreDistances(_ points: Matrix, neighbours m: Int) -> [Float] {
        let centred = metric == .euclidean ? Distances.centeredColumns(points) : points
        let norms = centred.squaredRowNorms
        let n = points.rows
        let parts: [[Float]] = Distances.forEachBlock(centred, aNorms: norms, to: centred, bNorms: norms, { range, block, out in
            var nearest = [Float]()   // the m smallest so far, ascending
            nearest.reserveCapacity(m + 1)
            for (i, r) in range.enumerated() {
                nearest.removeAll(keepingCapacity: true)
                for q in 0 ..< n where q != r {
                    let d = block[i * n + q]
                    if nearest.count == m {
                        guard d < nearest[m - 1] else { continue }
                        nearest.removeLast()
                    }
                    var at = nearest.count
                    while at > 0 && nearest[at - 1] > d { at -= 1 }
                    nearest.insert(d, at: at)
                }
                out.append(metric.distance(squaredEuclidean: nearest[m - 1]))
            }
        }, initial: [])
        return parts.flatMap { $0 }
    }

    /// Prim's algorithm on the dense mutual-reachability graph; edges sorted by weight.
    private func minimumSpanningTree(_ points: Matrix, core: [Float]) -> [(Int, Int, Float)] {
        let n = points.rows, d = points.columns
        var edges = [(Int, Int, Float)]()
        edges.reserveCapacity(n - 1)
        var outside = Array(1 ..< n)            // points not yet in the tree
        var best = [Float](repeating: .infinity, count: n)
        var from = [Int](repeating: 0, count: n)
        var current = 0
        points.values.withUnsafeBufferPointer { x in
            while !outside.isEmpty {
                let base = x.baseAddress! + current * d
                var nextSlot = 0
                var nextWeight = Float.infinity
                for (slot, q) in outside.enumerated() {
                    let other = x.baseAddress! + q * d
                    var s: Float = 0
                    for c in 0 ..< d {
                        let diff = base[c] - other[c]
                        s += diff * diff
                    }
                    let reach = max(metric.distance(squaredEuclidean: s), core[current], core[q])
                    if reach < best[q] { (best[q], from[q]) = (reach, current) }
                    if best[q] < nextWeight { (nextWeight, nextSlot) = (best[q], slot) }
                }
                let next = outside[nextSlot]
                edges.append((from[next], next, best[next]))
                outside.swapAt(nextSlot, outside.count - 1)
                outside.removeLast()
                current = next
            }
        }
        return edges.enumerated().sorted { ($0.element.2, $0.offset) < ($1.element.2, $1.offset) }.map(\.element)
    }
}

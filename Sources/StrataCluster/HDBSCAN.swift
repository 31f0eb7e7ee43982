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
    /// The most points it clusters: its spanning tree computes all n² pairwise distances.
    public var maximumPoints: Int

    /// Sets up an HDBSCAN fit; the parameters are checked when `fit` runs, not here.
    ///
    /// - Parameters:
    ///   - minClusterSize: The fewest points a cluster of the condensed tree keeps (≥ 2, else `fit` throws
    ///     `ClusterError.invalidParameter`); smaller splits are no clusters: their points stay with the parent or
    ///     become noise.
    ///   - minSamples: A point's core distance is to its `minSamples`-th nearest other point (≥ 1, else `fit`
    ///     throws; capped at rows − 1); `nil` uses `minClusterSize`. Larger values call more points noise.
    ///   - metric: `.euclidean`, or `.cosine` (rows scaled to unit length, distance 1 − cos).
    ///   - maximumPoints: More rows than this throw `ClusterError.tooManyPoints` before any work: the spanning
    ///     tree takes O(rows² · columns) time.
    public init(
        minClusterSize: Int = 5, minSamples: Int? = nil, metric: Metric = .euclidean, maximumPoints: Int = 100_000
    ) {
        self.minClusterSize = minClusterSize
        self.minSamples = minSamples
        self.metric = metric
        self.maximumPoints = maximumPoints
    }

    public func fit(_ data: Matrix) throws -> DensityResult {
        try BLAS.singleThreaded {
            try validate(data)
            guard minClusterSize >= 2 else {
                throw ClusterError.invalidParameter(
                    name: "minClusterSize", value: "\(minClusterSize)", expected: "at least 2")
            }
            if let m = minSamples, m < 1 {
                throw ClusterError.invalidParameter(name: "minSamples", value: "\(m)", expected: "at least 1")
            }
            let n = data.rows
            guard n <= maximumPoints else {
                throw ClusterError.tooManyPoints(
                    method: "HDBSCAN", points: n, limit: maximumPoints,
                    needs: "\(n)² pairwise distances for its spanning tree",
                    alternative: "use k-means or mini-batch k-means, or cluster a sample")
            }
            guard n > 1 else { return DensityResult(labels: [-1], probabilities: [0]) }
            let points = metric.prepared(data)
            let neighbours = max(1, min(n - 1, minSamples ?? minClusterSize))
            let core = coreDistances(points, neighbours: neighbours)
            let tree = minimumSpanningTree(points, core: core)
            let hierarchy = linkage(pointCount: n, sortedPairs: tree)
            return CondensedTree(hierarchy: hierarchy, pointCount: n, minClusterSize: minClusterSize)
                .excessOfMassClusters()
        }
    }

    /// The distance from each point to its `neighbours`-th nearest other point.
    private func coreDistances(_ points: Matrix, neighbours m: Int) -> [Float] {
        let centred = metric == .euclidean ? Distances.centeredColumns(points) : points
        let norms = centred.squaredRowNorms
        let n = points.rows
        let parts: [[Float]] = Distances.forEachBlock(
            centred, aNorms: norms, to: centred, bNorms: norms,
            { range, block, out in
                var nearest = [Float]()  // the m smallest so far, ascending
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
    ///
    /// Works in squared Euclidean units of the prepared rows (monotone in both metrics), on a
    /// column-wise copy of the points still outside the tree, compacted by swap-removal, so the
    /// O(n²·d) inner loops stream contiguous memory and vectorise.
    private func minimumSpanningTree(_ points: Matrix, core: [Float]) -> [(Int, Int, Float)] {
        let n = points.rows
        let d = points.columns
        let squaredCore = core.map { metric.squaredEuclidean(distance: $0) }
        var edges = [(Int, Int, Float)]()
        edges.reserveCapacity(n - 1)
        var ids = Array(1 ..< n)
        var columns = [Float](repeating: 0, count: d * n)
        for (slot, id) in ids.enumerated() {
            for c in 0 ..< d { columns[c * n + slot] = points.values[id * d + c] }
        }
        var outsideCore = ids.map { squaredCore[$0] }
        var best = [Float](repeating: .infinity, count: n)
        var from = [Int](repeating: 0, count: n)
        var scratch = [Float](repeating: 0, count: n)
        var current = 0
        var here = Array(points.values[0 ..< d])
        var hereCore = squaredCore[0]
        var count = n - 1
        columns.withUnsafeMutableBufferPointer { col in
            outsideCore.withUnsafeMutableBufferPointer { cores in
                best.withUnsafeMutableBufferPointer { best in
                    from.withUnsafeMutableBufferPointer { from in
                        scratch.withUnsafeMutableBufferPointer { reach in
                            while count > 0 {
                                for s in 0 ..< count { reach[s] = 0 }
                                for c in 0 ..< d {
                                    let v = here[c]
                                    let column = col.baseAddress! + c * n
                                    for s in 0 ..< count {
                                        let diff = column[s] - v
                                        reach[s] += diff * diff
                                    }
                                }
                                var nextSlot = 0
                                var nextWeight = Float.infinity
                                for s in 0 ..< count {
                                    let r = max(reach[s], max(hereCore, cores[s]))
                                    if r < best[s] { (best[s], from[s]) = (r, current) }
                                    if best[s] < nextWeight { (nextWeight, nextSlot) = (best[s], s) }
                                }
                                let next = ids[nextSlot]
                                edges.append((from[nextSlot], next, metric.distance(squaredEuclidean: nextWeight)))
                                current = next
                                hereCore = cores[nextSlot]
                                for c in 0 ..< d { here[c] = col[c * n + nextSlot] }
                                let last = count - 1
                                ids[nextSlot] = ids[last]
                                cores[nextSlot] = cores[last]
                                best[nextSlot] = best[last]
                                from[nextSlot] = from[last]
                                for c in 0 ..< d { col[c * n + nextSlot] = col[c * n + last] }
                                count -= 1
                            }
                        }
                    }
                }
            }
        }
        return edges.enumerated().sorted { ($0.element.2, $0.offset) < ($1.element.2, $1.offset) }.map(\.element)
    }
}

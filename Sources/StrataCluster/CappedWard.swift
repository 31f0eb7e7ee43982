import StrataMath

/// Ward clustering that refuses any merge whose group would weigh more than a cap: at every step the
/// pair with the smallest Ward distance among the pairs allowed to merge is merged, so groups stay
/// under the cap however lopsided the data (plain Ward lets one group grow past any size).
///
/// Greedy on the dense distance matrix: O(n²) memory and O(n³) time, for a few hundred points (fine
/// topics), not for items. Without a binding cap it merges as plain Ward does (SciPy's, scikit-learn's).
public struct CappedWard: Sendable {
    /// The most points it clusters (the distance matrix takes 4·n² bytes, the search n³ steps).
    public var maximumPoints: Int

    public init(maximumPoints: Int = 2_000) {
        self.maximumPoints = maximumPoints
    }

    /// Merges the rows of `data` (Euclidean), point `i` weighing `weights[i]`, while two groups can merge
    /// without weighing more than `cap` together.
    ///
    /// - Parameters:
    ///   - data: One point a row.
    ///   - weights: One non-negative weight a point (its count must match `data.rows`); a group weighs its sum.
    ///   - cap: The most a group may weigh; a point heavier than it stays alone.
    /// - Returns: The merges in the order made, each naming the groups by their points' smallest index.
    /// - Throws: `ClusterError` for empty or non-finite data, mismatched weights or too many points.
    public func merges(_ data: Matrix, weights: [Double], cap: Double) throws -> CappedWardMerges {
        try validate(data)
        guard weights.count == data.rows else {
            throw ClusterError.invalidParameter(
                name: "weights", value: "\(weights.count) values", expected: "one per row (\(data.rows))")
        }
        let n = data.rows
        guard n <= maximumPoints else {
            throw ClusterError.tooManyPoints(
                method: "capped Ward clustering", points: n, limit: maximumPoints,
                needs: formattedBytes(4 * Double(n) * Double(n)) + " for its distance matrix",
                alternative: "cluster fewer groups")
        }
        // Squared Euclidean distances: Ward's Lance–Williams update is linear in them.
        var d = Distances.pairwise(data, metric: .euclidean).values.map { $0 * $0 }
        var size = [Float](repeating: 1, count: n)
        var weight = weights
        var alive = [Bool](repeating: true, count: n)
        var pairs = [(Int, Int)]()
        while true {
            var best: (Int, Int)?
            var bestDistance = Float.infinity
            for a in 0 ..< n where alive[a] {
                for b in a + 1 ..< n where alive[b] && d[a * n + b] < bestDistance && weight[a] + weight[b] <= cap {
                    (best, bestDistance) = ((a, b), d[a * n + b])
                }
            }
            guard let (a, b) = best else { break }
            // The merged group lives in slot a, the smaller index.
            for k in 0 ..< n where alive[k] && k != a && k != b {
                let merged =
                    ((size[a] + size[k]) * d[a * n + k] + (size[b] + size[k]) * d[b * n + k] - size[k] * bestDistance)
                    / (size[a] + size[b] + size[k])
                d[a * n + k] = merged
                d[k * n + a] = merged
            }
            size[a] += size[b]
            weight[a] += weight[b]
            alive[b] = false
            pairs.append((a, b))
        }
        return CappedWardMerges(pointCount: n, pairs: pairs)
    }
}

/// The merges `CappedWard` made, in order, and the flat groupings they give.
public struct CappedWardMerges: Sendable {
    public let pointCount: Int
    /// Each merge joins the group holding point `.0` with the one holding point `.1` (both its smallest point).
    public let pairs: [(Int, Int)]

    /// The fewest groups the merges reach.
    public var fewestGroups: Int { pointCount - pairs.count }

    /// Labels `0..<k` (numbered by first point) after merging down to `k` groups, or to `fewestGroups` when
    /// the cap stopped the merges before `k`.
    public func labels(clusterCount k: Int) -> [Int] {
        var sets = UnionFind(count: pointCount)
        for (a, b) in pairs.prefix(max(0, pointCount - k)) { sets.union(a, b, into: a) }
        var code = [Int: Int]()
        return (0 ..< pointCount).map { p in
            let root = sets.find(p)
            if let c = code[root] { return c }
            code[root] = code.count
            return code.count - 1
        }
    }
}

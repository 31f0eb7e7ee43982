/// Disjoint sets over `0..<count` with path halving.
struct UnionFind {
    private var parent: [Int]

    init(count: Int) { parent = Array(0 ..< count) }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// Makes `root` the representative of the union of the sets of `a` and `b`.
    mutating func union(_ a: Int, _ b: Int, into root: Int) {
        let (ra, rb) = (find(a), find(b))
        parent[ra] = root
        parent[rb] = root
    }
}

/// A merge of two nodes in a hierarchy of `n` points: nodes `0..<n` are points, node `n + i` is the
/// result of merge `i` (SciPy's linkage convention).
public struct Merge: Sendable, Equatable {
    public let left: Int
    public let right: Int
    public let distance: Float
    /// Points under the merged node.
    public let size: Int
}

/// Turns merges `(a, b, distance)` of points, sorted by distance, into SciPy-style merges of nodes.
func linkage(pointCount n: Int, sortedPairs: [(Int, Int, Float)]) -> [Merge] {
    var sets = UnionFind(count: 2 * n)
    var node = Array(0 ..< 2 * n)  // representative → current node id
    var size = [Int](repeating: 1, count: 2 * n)
    var merges = [Merge]()
    merges.reserveCapacity(max(0, n - 1))
    for (a, b, distance) in sortedPairs {
        let (ra, rb) = (sets.find(a), sets.find(b))
        guard ra != rb else { continue }
        let id = n + merges.count
        merges.append(Merge(left: node[ra], right: node[rb], distance: distance, size: size[ra] + size[rb]))
        sets.union(ra, rb, into: id)
        node[id] = id
        size[id] = size[ra] + size[rb]
    }
    return merges
}

/// The condensed cluster tree of HDBSCAN: the single-linkage hierarchy seen as λ = 1 / distance grows,
/// where splits that leave a side smaller than `minClusterSize` count as points falling out of the
/// parent rather than new clusters. Cluster ids start at `pointCount` (the root).
struct CondensedTree {
    struct Edge {
        let parent: Int
        let child: Int
        let lambda: Double
        let size: Int
    }

    let pointCount: Int
    private(set) var edges: [Edge] = []

    init(hierarchy: [Merge], pointCount n: Int, minClusterSize: Int) {
        pointCount = n
        let root = 2 * n - 2
        func size(_ node: Int) -> Int { node < n ? 1 : hierarchy[node - n].size }
        func points(under node: Int) -> [Int] {
            var stack = [node]
            var found = [Int]()
            while let x = stack.popLast() {
                if x < n { found.append(x) } else { stack += [hierarchy[x - n].left, hierarchy[x - n].right] }
            }
            return found
        }
        var relabel = [Int: Int]()
        relabel[root] = n
        var nextLabel = n + 1
        var queue = [root]
        var head = 0  // breadth first, as the reference implementation walks it
        while head < queue.count {
            let node = queue[head]
            head += 1
            guard node >= n, let parent = relabel[node] else { continue }
            let merge = hierarchy[node - n]
            let lambda = merge.distance > 0 ? 1 / Double(merge.distance) : .infinity
            let (left, right) = (merge.left, merge.right)
            let (leftBig, rightBig) = (size(left) >= minClusterSize, size(right) >= minClusterSize)
            if leftBig && rightBig {
                for child in [left, right] {
                    relabel[child] = nextLabel
                    edges.append(Edge(parent: parent, child: nextLabel, lambda: lambda, size: size(child)))
                    nextLabel += 1
                    queue.append(child)
                }
            } else {
                for child in [left, right] {
                    if child == left ? leftBig : rightBig {
                        relabel[child] = parent
                        queue.append(child)
                    } else {
                        for p in points(under: child) {
                            edges.append(Edge(parent: parent, child: p, lambda: lambda, size: 1))
                        }
                    }
                }
            }
        }
    }

    /// The clusters of maximal total stability (excess of mass), never the root; points outside them are noise.
    func excessOfMassClusters() -> DensityResult {
        let n = pointCount
        let clusterCount = (edges.map(\.parent).max() ?? n) - n + 1
        var birth = [Double](repeating: 0, count: clusterCount)
        var parentOf = [Int](repeating: -1, count: clusterCount)
        var children = [[Int]](repeating: [], count: clusterCount)
        for e in edges where e.child >= n {
            birth[e.child - n] = e.lambda
            parentOf[e.child - n] = e.parent - n
            children[e.parent - n].append(e.child - n)
        }
        var stability = [Double](repeating: 0, count: clusterCount)
        var death = [Double](repeating: 0, count: clusterCount)
        for e in edges {
            let p = e.parent - n
            stability[p] += (e.lambda - birth[p]) * Double(e.size)
            death[p] = max(death[p], e.lambda)
        }
        // Children have larger ids than parents, so walking ids downwards settles children first.
        var selected = [Bool](repeating: false, count: clusterCount)
        var subtree = stability
        for c in stride(from: clusterCount - 1, through: 1, by: -1) {
            let fromChildren = children[c].reduce(0) { $0 + subtree[$1] }
            if fromChildren > stability[c] {
                subtree[c] = fromChildren
            } else {
                selected[c] = true
                var stack = children[c]
                while let x = stack.popLast() {
                    selected[x] = false
                    stack += children[x]
                }
            }
        }
        let chosen = (0 ..< clusterCount).filter { selected[$0] }
        let labelOf = Dictionary(uniqueKeysWithValues: chosen.enumerated().map { ($1, $0) })
        var labels = [Int](repeating: -1, count: n)
        var probabilities = [Double](repeating: 0, count: n)
        for e in edges where e.child < n {
            var c = e.parent - n
            while c > 0 && !selected[c] { c = parentOf[c] }
            guard c > 0, let label = labelOf[c] else { continue }
            labels[e.child] = label
            let top = death[c]
            probabilities[e.child] = top == 0 || !top.isFinite ? 1 : min(e.lambda, top) / top
        }
        return DensityResult(labels: labels, probabilities: probabilities)
    }
}

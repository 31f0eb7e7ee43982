/// The two walks of HNSW over a `GraphView`: the greedy descent through the upper layers and the
/// best-first search with `ef` candidates on one layer (hnswlib's `searchBaseLayer`).
///
/// Similarities are dot products from `DotKernel`, one call per expanded node for all its unseen
/// neighbours, so their rows are fetched from memory side by side.
extension GraphView {
    /// `vector(node) · query`.
    @inline(__always)
    func score(_ node: Int, _ query: UnsafePointer<Float>) -> Float {
        DotKernel.dot(vectors, dimension: dimension, row: node, query: query)
    }

    /// `out[i] = vector(nodes[i]) · query` for `i` in `0 ..< count`.
    @inline(__always)
    func scores(
        _ nodes: UnsafePointer<Int>, count: Int, _ query: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>
    ) {
        DotKernel.dots(vectors, dimension: dimension, rows: nodes, count: count, query: query, into: out)
    }

    /// Scores the neighbours of `node` on `level` that this search has not seen, marking them seen;
    /// their ids land in `scratch.ids`, their scores in `scratch.scores`. Returns how many.
    @inline(__always)
    func scoreUnseenNeighbours(of node: Int, level: Int, _ query: UnsafePointer<Float>, _ scratch: SearchScratch) -> Int
    {
        let list = links(node, level: level)
        let count = Int(list[0])
        var fresh = 0
        for j in 0 ..< count {
            let neighbour = list[j + 1]
            if !scratch.visit(neighbour) {
                scratch.ids[fresh] = Int(neighbour)
                fresh += 1
            }
        }
        if fresh > 0 { scores(scratch.ids, count: fresh, query, into: scratch.scores) }
        return fresh
    }

    /// Walks greedily from `start` through `levels` (top first), on each layer moving to the most similar
    /// neighbour while that improves; returns the node reached.
    func greedyDescent(
        _ query: UnsafePointer<Float>, from start: ScoredNode, levels: StrideThrough<Int>, _ scratch: SearchScratch
    ) -> ScoredNode {
        var current = start
        for level in levels {
            var moved = true
            while moved {
                moved = false
                let list = links(Int(current.node), level: level)
                let count = Int(list[0])
                guard count > 0 else { break }
                for j in 0 ..< count { scratch.ids[j] = Int(list[j + 1]) }
                scores(scratch.ids, count: count, query, into: scratch.scores)
                for j in 0 ..< count where scratch.scores[j] > current.score {
                    current = ScoredNode(score: scratch.scores[j], node: Int32(scratch.ids[j]))
                    moved = true
                }
            }
        }
        return current
    }

    /// Best-first search of layer `level` from `entry`, keeping the `ef` most similar nodes that `allowed`
    /// accepts in `scratch.results` (weakest at the root). Rejected nodes are still walked through.
    ///
    /// Stops when the most promising unexpanded node is less similar than the weakest of `ef` results.
    func searchLayer(
        _ query: UnsafePointer<Float>, entry: ScoredNode, level: Int, ef: Int,
        _ scratch: SearchScratch, allowed: (Int32) -> Bool = { _ in true }
    ) {
        scratch.startSearch()
        scratch.candidates.removeAll()
        scratch.results.removeAll()
        _ = scratch.visit(entry.node)
        var bound = -Float.infinity
        if allowed(entry.node) {
            scratch.results.push(entry)
            bound = entry.score
        }
        scratch.candidates.push(ScoredNode(score: -entry.score, node: entry.node))
        while !scratch.candidates.isEmpty {
            let next = scratch.candidates.top
            if -next.score < bound && scratch.results.count >= ef { break }
            scratch.candidates.pop()
            let fresh = scoreUnseenNeighbours(of: Int(next.node), level: level, query, scratch)
            for j in 0 ..< fresh {
                let s = scratch.scores[j]
                guard scratch.results.count < ef || s > bound else { continue }
                let node = Int32(scratch.ids[j])
                scratch.candidates.push(ScoredNode(score: -s, node: node))
                if allowed(node) {
                    scratch.results.push(ScoredNode(score: s, node: node))
                    if scratch.results.count > ef { scratch.results.pop() }
                    bound = scratch.results.top.score
                }
            }
        }
    }
}

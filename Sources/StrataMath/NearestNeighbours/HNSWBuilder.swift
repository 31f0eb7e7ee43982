import Foundation

/// Builds an HNSW graph (Malkov & Yashunin 2018, as hnswlib does) over the rows of a matrix, in batches
/// that insert in parallel yet give the same graph on any number of threads.
///
/// Nodes are inserted in row order, each batch in two phases:
/// 1. every new node searches the graph as it stood before the batch (greedy through the layers above
///    its level, then `efConstruction` candidates on each of its layers) and keeps `m` neighbours per
///    layer chosen by the heuristic — in parallel, since each writes only its own lists and reads only
///    nodes no one writes;
/// 2. the reverse links are added, list by list in parallel, each list taking its new neighbours in
///    node order and re-running the heuristic when it overflows (`m`, or `2·m` on layer 0).
/// A batch is 1/32 of the nodes already inserted (at most 512), so a new node misses only the few
/// batch-mates it could otherwise have linked to; later nodes link to it as usual. Nothing depends on
/// timing, so a seed always gives the same graph.
enum HNSWBuilder {
    /// The largest batch.
    static let maxBatch = 512

    /// Each node's level, ⌊−ln(U) / ln(m)⌋ with `U` uniform in (0, 1) from a generator seeded with `seed`
    /// (capped at 63, which a level reaches with probability m⁻⁶³).
    static func levels(count: Int, m: Int, seed: UInt64) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        let scale = 1 / log(Double(m))
        return (0 ..< count).map { _ in
            var u = random.nextUnit()
            while u == 0 { u = random.nextUnit() }
            return UInt8(min(63, Int(-log(u) * scale)))
        }
    }

    /// How many nodes the next batch inserts when `inserted` are in the graph.
    static func batchSize(inserted: Int) -> Int { max(1, min(maxBatch, inserted / 32)) }

    static func build(vectors: Matrix, m: Int, efConstruction: Int, seed: UInt64, workers: Int) -> HNSWGraph {
        let n = vectors.rows
        let levels = levels(count: n, m: m, seed: seed)
        var upperOffsets = [Int](repeating: 0, count: n)
        var upperCount = 0
        for node in 0 ..< n {
            upperOffsets[node] = upperCount
            upperCount += Int(levels[node]) * (m + 1)
        }
        var baseLinks = [Int32](repeating: 0, count: n * (2 * m + 1))
        var upperLinks = [Int32](repeating: 0, count: max(1, upperCount))
        var entryPoint = 0
        var maxLevel = Int(levels[0])

        let threads = max(1, workers)
        let scratches = (0 ..< threads).map { _ in SearchScratch(nodeCount: n, maxLinks: 2 * m + 1) }
        vectors.values.withUnsafeBufferPointer { v in
            baseLinks.withUnsafeMutableBufferPointer { base in
                upperLinks.withUnsafeMutableBufferPointer { upper in
                    upperOffsets.withUnsafeBufferPointer { offsets in
                        let view = GraphView(
                            vectors: v.baseAddress!, dimension: vectors.columns, m: m,
                            baseLinks: base.baseAddress!, upperLinks: upper.baseAddress!,
                            upperOffsets: offsets.baseAddress!)
                        var first = 1
                        while first < n {
                            let batch = first ..< min(n, first + batchSize(inserted: first))
                            let entry = entryPoint
                            let top = maxLevel
                            ParallelLoop.forEach(batch.count, workers: threads) { i, worker in
                                findNeighbours(
                                    of: batch.lowerBound + i, levels: levels, entry: entry, maxLevel: top,
                                    efConstruction: efConstruction, view: view, scratch: scratches[worker])
                            }
                            addReverseLinks(batch: batch, levels: levels, maxLevel: top, view: view, workers: threads)
                            for node in batch where Int(levels[node]) > maxLevel {
                                maxLevel = Int(levels[node])
                                entryPoint = node
                            }
                            first = batch.upperBound
                        }
                    }
                }
            }
        }
        return HNSWGraph(
            m: m, levels: levels, baseLinks: baseLinks, upperOffsets: upperOffsets, upperLinks: upperLinks,
            entryPoint: Int32(entryPoint), maxLevel: maxLevel)
    }

    /// Phase 1 for one node: searches the graph from `entry` and writes the node's own neighbour lists on
    /// every layer it shares with the graph.
    private static func findNeighbours(
        of node: Int, levels: [UInt8], entry: Int, maxLevel: Int, efConstruction: Int,
        view: GraphView, scratch: SearchScratch
    ) {
        let query = view.vector(node)
        let level = Int(levels[node])
        var current = ScoredNode(score: view.score(entry, query), node: Int32(entry))
        if maxLevel > level {
            current = view.greedyDescent(
                query, from: current, levels: stride(from: maxLevel, through: level + 1, by: -1), scratch)
        }
        for layer in stride(from: min(level, maxLevel), through: 0, by: -1) {
            view.searchLayer(query, entry: current, level: layer, ef: efConstruction, scratch)
            let candidates = scratch.results.drainBestFirst()
            let list = UnsafeMutablePointer(mutating: view.links(node, level: layer))
            current = view.selectNeighbours(from: candidates, limit: view.m, into: list)
        }
    }

    /// One reverse link to add: `source` (a new node) into the list of `target` on `level`.
    private struct ReverseLink: Comparable {
        let target: Int32
        let level: Int32
        let source: Int32
        static func < (a: ReverseLink, b: ReverseLink) -> Bool {
            (a.target, a.level, a.source) < (b.target, b.level, b.source)
        }
        func sameList(as other: ReverseLink) -> Bool { target == other.target && level == other.level }
    }

    /// Phase 2: links every old node a new node chose back to it, each list in parallel with the others.
    private static func addReverseLinks(
        batch: Range<Int>, levels: [UInt8], maxLevel: Int, view: GraphView, workers: Int
    ) {
        var links = [ReverseLink]()
        for node in batch {
            for layer in 0 ... min(Int(levels[node]), maxLevel) {
                let list = view.links(node, level: layer)
                for j in 0 ..< Int(list[0]) {
                    links.append(ReverseLink(target: list[j + 1], level: Int32(layer), source: Int32(node)))
                }
            }
        }
        links.sort()
        var starts = [Int]()
        for i in links.indices where i == 0 || !links[i].sameList(as: links[i - 1]) { starts.append(i) }
        starts.append(links.count)
        links.withUnsafeBufferPointer { links in
            ParallelLoop.forEach(starts.count - 1, workers: workers) { g, _ in
                for link in links[starts[g] ..< starts[g + 1]] {
                    connect(Int(link.source), to: Int(link.target), level: Int(link.level), view: view)
                }
            }
        }
    }

    /// Adds `source` to the list of `target` on `level`; a full list keeps what the heuristic selects
    /// among its neighbours and `source`.
    private static func connect(_ source: Int, to target: Int, level: Int, view: GraphView) {
        let list = UnsafeMutablePointer(mutating: view.links(target, level: level))
        let count = Int(list[0])
        let capacity = view.capacity(level: level)
        if count < capacity {
            list[count + 1] = Int32(source)
            list[0] = Int32(count + 1)
            return
        }
        var ids = (1 ... count).map { Int(list[$0]) }
        ids.append(source)
        var similarity = [Float](repeating: 0, count: ids.count)
        view.scores(ids, count: ids.count, view.vector(target), into: &similarity)
        var candidates = zip(ids, similarity).map { ScoredNode(score: $1, node: Int32($0)) }
        candidates.sort { $0.score > $1.score || ($0.score == $1.score && $0.node < $1.node) }
        view.selectNeighbours(from: candidates, limit: capacity, into: list)
    }
}

import Foundation

/// Nearest neighbours by inner product among fixed item vectors: exact below a size threshold, an HNSW
/// graph (Malkov & Yashunin 2018) above it.
///
/// Rows should be L2-normalised, so the inner product is the cosine similarity (the graph's heuristic and
/// its recall assume it). Small catalogs are scanned exactly in one pass of the C dot kernel; large ones
/// get a layered graph with `m` neighbours per node (`2·m` on layer 0), built with `efConstruction`
/// candidates per insertion and searched with `ef`. Memory is the vectors (shared with the caller's
/// matrix, not copied) plus about `2·m + 4` 32-bit ints per node for the graph (140 bytes at `m = 16`),
/// and two bytes per node for each thread searching at once.
///
/// The index is immutable once built, so any number of threads may search it at once. The same vectors,
/// parameters and seed always build the same graph, whatever the number of threads building it.
public struct NearestNeighbourIndex: Sendable {
    /// The indexed vectors; result indices are their row numbers.
    public let vectors: Matrix
    /// Most neighbours per node above layer 0 (`2·m` on layer 0).
    public let m: Int
    /// Candidates kept per insertion while building the graph.
    public let efConstruction: Int
    /// The graph, `nil` when searches scan every row.
    let graph: HNSWGraph?
    /// Search scratch space shared by the copies of this index, `nil` without a graph.
    let scratches: ScratchPool?

    /// Candidates kept by a graph search when the caller gives no `ef` (never fewer than `k`).
    public static let defaultEf = 100
    /// The build settings used when the caller gives none (see `init(vectors:m:efConstruction:seed:exactBelow:workers:)`).
    public static let defaultM = 16
    public static let defaultEfConstruction = 200
    public static let defaultSeed: UInt64 = 42
    public static let defaultExactBelow = 20_000

    /// The number of indexed vectors.
    public var count: Int { vectors.rows }
    /// Their length.
    public var dimension: Int { vectors.columns }
    /// Whether searches walk the HNSW graph (approximate) rather than scanning every row (exact).
    public var isApproximate: Bool { graph != nil }

    /// Indexes the rows of `vectors`.
    ///
    /// - Parameters:
    ///   - vectors: one L2-normalised item vector per row; at least one row and one column, all finite.
    ///   - m: neighbours per node on the upper layers (`2·m` on layer 0), at least 2. 12–48 is usual;
    ///     more raises recall and memory.
    ///   - efConstruction: candidates searched per insertion, at least 1; more builds slower and better.
    ///   - seed: seeds the level of each node, so the same seed builds the same graph.
    ///   - exactBelow: with fewer rows than this, no graph is built and every search is exact.
    ///   - workers: threads inserting at once (the graph does not depend on it).
    /// - Throws: `NearestNeighbourIndexError` when a parameter or a vector is invalid.
    public init(
        vectors: Matrix, m: Int = defaultM, efConstruction: Int = defaultEfConstruction, seed: UInt64 = defaultSeed,
        exactBelow: Int = defaultExactBelow, workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws {
        guard vectors.rows > 0, vectors.columns > 0 else { throw NearestNeighbourIndexError.noVectors }
        guard m >= 2 else { throw NearestNeighbourIndexError.invalidM(m) }
        guard efConstruction >= 1 else { throw NearestNeighbourIndexError.invalidEfConstruction(efConstruction) }
        guard exactBelow >= 0 else { throw NearestNeighbourIndexError.invalidExactBelow(exactBelow) }
        if let bad = vectors.values.firstIndex(where: { !$0.isFinite }) {
            throw NearestNeighbourIndexError.nonFiniteVector(row: bad / vectors.columns)
        }
        self.vectors = vectors
        self.m = m
        self.efConstruction = efConstruction
        if vectors.rows < exactBelow {
            graph = nil
            scratches = nil
        } else {
            graph = HNSWBuilder.build(
                vectors: vectors, m: m, efConstruction: efConstruction, seed: seed, workers: workers)
            scratches = ScratchPool(nodeCount: vectors.rows, maxLinks: 2 * m + 1)
        }
    }

    /// The `k` indexed vectors with the largest inner product with `query`, best first (ties: the lower
    /// index), leaving out the rows in `excluding`.
    ///
    /// Exact without a graph. With one, `ef` candidates are kept (default `defaultEf`, never fewer than `k`):
    /// more is slower and recalls more. Excluded rows are walked through but never returned, so up to `k`
    /// results come back however many are excluded; fewer only when fewer rows remain.
    /// - Throws: `NearestNeighbourIndexError` for `k < 1`, `ef < 1`, a query of the wrong length or
    ///   with non-finite values, or (per query) a number of exclusion sets other than the queries'.
    public func search(
        _ query: [Float], k: Int, ef: Int? = nil, excluding: Set<Int> = []
    ) throws -> [(index: Int, score: Float)] {
        try search(Matrix(rows: 1, columns: query.count, values: query), k: k, ef: ef, excluding: excluding)[0]
    }

    /// `search(_:k:ef:excluding:)` for every row of `queries`, in row order; the graph is searched on
    /// `workers` threads at once.
    public func search(
        _ queries: Matrix, k: Int, ef: Int? = nil, excluding: Set<Int> = [],
        workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws -> [[(index: Int, score: Float)]] {
        try search(
            queries, k: k, ef: ef, excludingPerQuery: Array(repeating: excluding, count: queries.rows),
            workers: workers)
    }

    /// `search(_:k:ef:excluding:)` for every row of `queries`, row `i` leaving out `excludingPerQuery[i]`
    /// (one set per row), in row order; each row's answer is the one a search for that row alone gives.
    public func search(
        _ queries: Matrix, k: Int, ef: Int? = nil, excludingPerQuery: [Set<Int>],
        workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws -> [[(index: Int, score: Float)]] {
        guard excludingPerQuery.count == queries.rows else {
            throw NearestNeighbourIndexError.exclusionsMismatch(queries: queries.rows, sets: excludingPerQuery.count)
        }
        guard k >= 1 else { throw NearestNeighbourIndexError.invalidK(k) }
        if let ef, ef < 1 { throw NearestNeighbourIndexError.invalidEf(ef) }
        guard queries.columns == dimension else {
            throw NearestNeighbourIndexError.dimensionMismatch(expected: dimension, actual: queries.columns)
        }
        guard queries.values.allSatisfy(\.isFinite) else { throw NearestNeighbourIndexError.nonFiniteQuery }
        guard let graph, let scratches else {
            return ExactSearch.search(vectors, queries: queries.rowVectors, k: k, excluding: excludingPerQuery)
        }
        let width = max(ef ?? Self.defaultEf, k)
        var results = [[(index: Int, score: Float)]](repeating: [], count: queries.rows)
        graph.withView(vectors: vectors) { view in
            queries.values.withUnsafeBufferPointer { q in
                results.withUnsafeMutableBufferPointer { out in
                    // Each query writes only its own slot.
                    let slots = UncheckedSendableBox(out)
                    ParallelLoop.forEach(queries.rows, workers: workers) { i, _ in
                        scratches.withScratch { scratch in
                            slots.value[i] = graph.search(
                                q.baseAddress! + i * dimension, k: k, ef: width, excluding: excludingPerQuery[i],
                                view: view, scratch: scratch)
                        }
                    }
                }
            }
        }
        return results
    }
}

extension HNSWGraph {
    /// The graph search of one query: greedy down to layer 1, then `ef` candidates on layer 0.
    func search(
        _ query: UnsafePointer<Float>, k: Int, ef: Int, excluding: Set<Int>, view: GraphView, scratch: SearchScratch
    ) -> [(index: Int, score: Float)] {
        let entry = ScoredNode(score: view.score(Int(entryPoint), query), node: entryPoint)
        let start =
            maxLevel > 0
            ? view.greedyDescent(query, from: entry, levels: stride(from: maxLevel, through: 1, by: -1), scratch)
            : entry
        if excluding.isEmpty {
            view.searchLayer(query, entry: start, level: 0, ef: ef, scratch)
        } else {
            view.searchLayer(query, entry: start, level: 0, ef: ef, scratch) { !excluding.contains(Int($0)) }
        }
        return scratch.results.drainBestFirst().prefix(k).map { (index: Int($0.node), score: $0.score) }
    }
}

/// The finished HNSW graph: every node's level and neighbour lists, in flat arrays of `Int32` ids.
///
/// Layer 0 gives every node `2·m + 1` slots (a count, then up to `2·m` ids); a node of level `L ≥ 1`
/// also owns `L` blocks of `m + 1` slots in `upperLinks`, starting at `upperOffsets[node]`. Levels are
/// geometric, so the upper layers together hold about `n / (m − 1)` blocks and the whole graph about
/// `(2·m + 1 + (m + 1)/(m − 1))` ints per node, next to the node's vector.
struct HNSWGraph: Sendable {
    /// Most neighbours a node keeps on layers above 0.
    let m: Int
    /// Each node's top layer.
    let levels: [UInt8]
    /// Layer-0 lists, `2·m + 1` slots per node.
    let baseLinks: [Int32]
    /// Where a node's blocks start in `upperLinks` (meaningless for level-0 nodes).
    let upperOffsets: [Int]
    /// Layer-`L ≥ 1` lists, `m + 1` slots per block.
    let upperLinks: [Int32]
    /// Where every search starts: a node on the top layer.
    let entryPoint: Int32
    /// The top layer.
    let maxLevel: Int

    /// Runs `body` with a pointer view of the graph over `vectors` (the matrix it was built from).
    func withView<T>(vectors: Matrix, _ body: (GraphView) throws -> T) rethrows -> T {
        try vectors.values.withUnsafeBufferPointer { v in
            try baseLinks.withUnsafeBufferPointer { base in
                try upperLinks.withUnsafeBufferPointer { upper in
                    try upperOffsets.withUnsafeBufferPointer { offsets in
                        try body(
                            GraphView(
                                vectors: v.baseAddress!, dimension: vectors.columns, m: m,
                                baseLinks: base.baseAddress!, upperLinks: upper.baseAddress!,
                                upperOffsets: offsets.baseAddress!))
                    }
                }
            }
        }
    }
}

/// Raw pointers into a graph's vectors and neighbour lists, valid while their owner lends them.
///
/// It is `Sendable` so parallel workers can share it; they must only read lists no one writes meanwhile
/// (the builder guarantees that by phases, finished graphs are never written).
struct GraphView: @unchecked Sendable {
    let vectors: UnsafePointer<Float>
    let dimension: Int
    let m: Int
    let baseLinks: UnsafePointer<Int32>
    let upperLinks: UnsafePointer<Int32>
    let upperOffsets: UnsafePointer<Int>

    /// The most neighbours a node keeps on `level`.
    @inline(__always)
    func capacity(level: Int) -> Int { level == 0 ? 2 * m : m }

    /// The neighbour list of `node` on `level` (which must not exceed the node's level): the count in
    /// slot 0, the ids after it.
    @inline(__always)
    func links(_ node: Int, level: Int) -> UnsafePointer<Int32> {
        level == 0
            ? baseLinks + node * (2 * m + 1)
            : upperLinks + upperOffsets[node] + (level - 1) * (m + 1)
    }

    /// The vector of `node`.
    @inline(__always)
    func vector(_ node: Int) -> UnsafePointer<Float> { vectors + node * dimension }
}

import Foundation

extension NearestNeighbourIndex {
    /// The graph as bytes to keep between runs (read back by `init(vectors:efConstruction:keptGraph:)`),
    /// `nil` when the index scans exactly and has no graph. About `4·(2·m + 1) + 1` bytes per node.
    ///
    /// The bytes are a header of six little-endian 64-bit integers (a magic number, the node count, `m`,
    /// the top layer, the entry point, the upper layers' slot count), then the layer-0 and upper-layer
    /// lists as 32-bit integers and each node's level as one byte.
    public var keptGraph: Data? { graph.map(\.encoded) }

    /// The index over `vectors` whose graph is read back from `keptGraph`, the bytes an index built
    /// over the same vectors gave; it answers every search as that index does. `efConstruction` is
    /// recorded, not used.
    /// - Throws: `NearestNeighbourIndexError.invalidKeptGraph` when the bytes are not a whole graph over
    ///   `vectors.rows` nodes, and the errors of `init(vectors:…)` for unusable vectors.
    public init(vectors: Matrix, efConstruction: Int, keptGraph: Data) throws {
        guard vectors.rows > 0, vectors.columns > 0 else { throw NearestNeighbourIndexError.noVectors }
        if let bad = vectors.values.firstIndex(where: { !$0.isFinite }) {
            throw NearestNeighbourIndexError.nonFiniteVector(row: bad / vectors.columns)
        }
        let graph = try HNSWGraph(decoding: keptGraph, nodeCount: vectors.rows)
        self.vectors = vectors
        self.m = graph.m
        self.efConstruction = efConstruction
        self.graph = graph
        scratches = ScratchPool(nodeCount: vectors.rows, maxLinks: 2 * graph.m + 1)
    }
}

extension HNSWGraph {
    /// Marks the bytes as a graph of this layout ("HNSWv1" in ASCII).
    static let magic: Int64 = 0x3176_5753_4E48

    /// The graph's bytes (see `NearestNeighbourIndex.keptGraph`).
    var encoded: Data {
        var data = Data()
        let header: [Int64] = [
            Self.magic, Int64(levels.count), Int64(m), Int64(maxLevel), Int64(entryPoint), Int64(upperLinks.count)
        ]
        for value in header { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        for list in [baseLinks, upperLinks] {
            list.map(\.littleEndian).withUnsafeBytes { data.append(contentsOf: $0) }
        }
        data.append(contentsOf: levels)
        return data
    }

    /// Reads `encoded` back, checking that it is a whole graph over `nodeCount` nodes: the sizes agree,
    /// the entry point is on the top layer, and every list holds at most its capacity of valid node ids.
    init(decoding data: Data, nodeCount n: Int) throws {
        func invalid(_ reason: String) -> NearestNeighbourIndexError { .invalidKeptGraph(reason) }
        let headerBytes = 6 * 8
        guard data.count >= headerBytes else { throw invalid("\(data.count) bytes are shorter than the header") }
        let header = data.withUnsafeBytes { raw in
            (0 ..< 6).map { Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: Int64.self))) }
        }
        guard Int64(header[0]) == Self.magic else { throw invalid("not a kept HNSW graph") }
        let (count, m, maxLevel, entry, upperCount) = (header[1], header[2], header[3], header[4], header[5])
        guard count == n else { throw invalid("a graph over \(count) nodes, the index has \(n) vectors") }
        guard (2 ... 1 << 16).contains(m), (0 ... 63).contains(maxLevel), (0 ..< n).contains(entry),
            (1 ... 1 << 40).contains(upperCount)
        else { throw invalid("header out of range: m \(m), top layer \(maxLevel), entry \(entry)") }
        let baseCount = n * (2 * m + 1)
        guard data.count == headerBytes + 4 * (baseCount + upperCount) + n else {
            throw invalid("\(data.count) bytes, the header announces \(headerBytes + 4 * (baseCount + upperCount) + n)")
        }
        func ints(at offset: Int, count: Int) -> [Int32] {
            data.withUnsafeBytes { raw in
                (0 ..< count).map {
                    Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4 * $0, as: Int32.self))
                }
            }
        }
        let baseLinks = ints(at: headerBytes, count: baseCount)
        let upperLinks = ints(at: headerBytes + 4 * baseCount, count: upperCount)
        let levels = [UInt8](data.suffix(n))
        var upperOffsets = [Int](repeating: 0, count: n)
        var used = 0
        for node in 0 ..< n {
            upperOffsets[node] = used
            used += Int(levels[node]) * (m + 1)
        }
        guard max(1, used) == upperCount, levels.max() == UInt8(maxLevel), levels[entry] == UInt8(maxLevel) else {
            throw invalid("the levels disagree with the header")
        }
        // Every list: a count within the layer's capacity, then that many ids of existing nodes.
        func validLists(_ links: [Int32], lists: Int, capacity: Int) -> Bool {
            (0 ..< lists).allSatisfy { list in
                let start = list * (capacity + 1)
                let size = Int(links[start])
                return (0 ... capacity).contains(size)
                    && links[(start + 1) ..< (start + 1 + size)].allSatisfy { (0 ..< Int32(n)).contains($0) }
            }
        }
        guard validLists(baseLinks, lists: n, capacity: 2 * m),
            validLists(upperLinks, lists: used / (m + 1), capacity: m)
        else { throw invalid("a neighbour list holds a count past its capacity or an id past \(n - 1)") }
        self.init(
            m: m, levels: levels, baseLinks: baseLinks, upperOffsets: upperOffsets, upperLinks: upperLinks,
            entryPoint: Int32(entry), maxLevel: maxLevel)
    }
}

import StrataCore
import StrataMath

import struct StrataStore.FitCache

extension NearestNeighbourIndex {
    /// The index over `vectors` the content generators search: the one kept in `cache` (read back, or
    /// built and kept), else built here.
    public static func kept(over vectors: Matrix, in cache: FitCache?) throws -> NearestNeighbourIndex {
        try cache?.nearestNeighbourIndex(vectors: vectors) ?? NearestNeighbourIndex(vectors: vectors)
    }
}

extension FitCache {
    /// The nearest-neighbour index over `vectors` (see `NearestNeighbourIndex`): its graph is read back
    /// when one was kept for the same vectors and settings, else built and kept here for the next run.
    /// An index small enough to scan exactly has no graph and is neither read nor kept.
    ///
    /// The graph's file is named by a fingerprint of every vector's bits and the settings, so a changed
    /// vector set or setting misses it (and the new graph replaces it); a file that is not a whole graph
    /// over these vectors is logged and rebuilt.
    public func nearestNeighbourIndex(
        vectors: Matrix, m: Int = NearestNeighbourIndex.defaultM,
        efConstruction: Int = NearestNeighbourIndex.defaultEfConstruction,
        seed: UInt64 = NearestNeighbourIndex.defaultSeed, exactBelow: Int = NearestNeighbourIndex.defaultExactBelow
    ) throws -> NearestNeighbourIndex {
        func build() throws -> NearestNeighbourIndex {
            try NearestNeighbourIndex(
                vectors: vectors, m: m, efConstruction: efConstruction, seed: seed, exactBelow: exactBelow)
        }
        guard vectors.rows >= exactBelow else { return try build() }
        let fingerprint = Self.fingerprint(
            of: vectors, settings: "hnsw m=\(m) efConstruction=\(efConstruction) seed=\(seed)")
        if let bytes = loadBytes(kind: "hnsw", fingerprint: fingerprint) {
            do {
                return try NearestNeighbourIndex(vectors: vectors, efConstruction: efConstruction, keptGraph: bytes)
            } catch {
                log("\(bytesName(kind: "hnsw", fingerprint: fingerprint)): \(error); building it again")
            }
        }
        let index = try build()
        if let graph = index.keptGraph { storeBytes(graph, kind: "hnsw", fingerprint: fingerprint) }
        return index
    }

    /// A 64-bit FNV-1a hash, in hex, of `settings`, the matrix's shape and every value's bits.
    static func fingerprint(of vectors: Matrix, settings: String) -> String {
        var hash = FNV1a()
        hash.mix(settings)
        hash.mix(UInt64(vectors.rows))
        hash.mix(UInt64(vectors.columns))
        for value in vectors.values { hash.mix(UInt64(value.bitPattern)) }
        return hash.hex
    }
}

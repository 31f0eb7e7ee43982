import Foundation
import StrataMath
import StrataRecommend
import StrataStore
import StrataTestSupport
import Testing

/// The HNSW index kept in a `FitCache`: read back only for the same vectors and settings, answering
/// exactly as a fresh build with the same seed, and rebuilt when the file cannot be used.
@Suite struct KeptIndexTests {
    /// `count` random unit vectors in 16 dimensions.
    static func vectors(_ count: Int, seed: UInt64) -> Matrix {
        var random = SeededRandom(seed: seed)
        var m = Matrix(rows: count, columns: 16, values: (0 ..< count * 16).map { _ in Float(random.nextGaussian()) })
        m.normalizeRows()
        return m
    }

    let vectors = Self.vectors(2000, seed: 3)
    let queries = Self.vectors(50, seed: 4)

    /// What a cache logged.
    final class Recorder {
        var lines = [String]()
        var reads: Int { lines.filter { $0.hasPrefix("read the kept hnsw") }.count }
    }

    func withCache(_ body: (FitCache, Recorder) throws -> Void) throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = Recorder()
        try body(FitCache(folder: folder.appendingPathComponent("db.cache")) { recorder.lines.append($0) }, recorder)
    }

    /// Every query's top 20 (indices and scores) from `index`.
    func answers(_ index: NearestNeighbourIndex) throws -> [[Int]] {
        try index.search(queries, k: 20, ef: 40).map { $0.map(\.index) }
    }

    func files(_ cache: FitCache) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cache.folder.path).sorted()
    }

    @Test func aKeptIndexAnswersExactlyAsAFreshOne() throws {
        try withCache { cache, recorder in
            let built = try cache.nearestNeighbourIndex(vectors: vectors, m: 8, efConstruction: 40, exactBelow: 0)
            #expect(recorder.reads == 0)
            #expect(try files(cache).count == 1)
            let kept = try cache.nearestNeighbourIndex(vectors: vectors, m: 8, efConstruction: 40, exactBelow: 0)
            #expect(recorder.reads == 1)
            #expect(kept.isApproximate)
            let fresh = try NearestNeighbourIndex(vectors: vectors, m: 8, efConstruction: 40, exactBelow: 0)
            #expect(try answers(kept) == answers(fresh))
            #expect(try answers(built) == answers(fresh))
            #expect(kept.keptGraph == fresh.keptGraph)
        }
    }

    @Test func changedVectorsOrSettingsMissAndReplaceTheKeptGraph() throws {
        try withCache { cache, recorder in
            _ = try cache.nearestNeighbourIndex(vectors: vectors, m: 8, efConstruction: 40, exactBelow: 0)
            let first = try files(cache)
            var changed = vectors
            changed.values[5] = -changed.values[5]  // one value of row 0
            let rebuilt = try cache.nearestNeighbourIndex(vectors: changed, m: 8, efConstruction: 40, exactBelow: 0)
            #expect(recorder.reads == 0)
            let second = try files(cache)
            #expect(second.count == 1 && second != first)
            let fresh = try NearestNeighbourIndex(vectors: changed, m: 8, efConstruction: 40, exactBelow: 0)
            #expect(try answers(rebuilt) == answers(fresh))
            _ = try cache.nearestNeighbourIndex(vectors: changed, m: 8, efConstruction: 40, seed: 9, exactBelow: 0)
            #expect(recorder.reads == 0)
            #expect(try files(cache).count == 1 && files(cache) != second)
        }
    }

    @Test(arguments: ["truncated", "ids past the catalog", "other bytes"])
    func anUnusableGraphIsRebuilt(damage: String) throws {
        try withCache { cache, recorder in
            _ = try cache.nearestNeighbourIndex(vectors: vectors, m: 8, efConstruction: 40, exactBelow: 0)
            let file = cache.folder.appendingPathComponent(try files(cache)[0])
            var bytes = try Data(contentsOf: file)
            switch damage {
            case "truncated": bytes = bytes.prefix(bytes.count - 3)
            // Node 0's first layer-0 neighbour (after the 48-byte header and the list's count) becomes 2,000.
            case "ids past the catalog": bytes.replaceSubrange(52 ..< 56, with: [0xD0, 0x07, 0, 0])
            default: bytes = Data("not a graph, not a graph, not a graph, not a graph".utf8)
            }
            try bytes.write(to: file)
            let rebuilt = try cache.nearestNeighbourIndex(vectors: vectors, m: 8, efConstruction: 40, exactBelow: 0)
            #expect(recorder.lines.contains { $0.contains("the kept HNSW graph cannot be used") })
            let fresh = try NearestNeighbourIndex(vectors: vectors, m: 8, efConstruction: 40, exactBelow: 0)
            #expect(try answers(rebuilt) == answers(fresh))
            _ = try cache.nearestNeighbourIndex(vectors: vectors, m: 8, efConstruction: 40, exactBelow: 0)
            #expect(recorder.reads == 2)
        }
    }

    @Test func anExactIndexKeepsNothing() throws {
        try withCache { cache, _ in
            let index = try cache.nearestNeighbourIndex(vectors: vectors)
            #expect(!index.isApproximate)
            #expect(!FileManager.default.fileExists(atPath: cache.folder.path))
        }
    }
}

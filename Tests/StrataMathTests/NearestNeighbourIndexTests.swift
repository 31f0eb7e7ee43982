import Foundation
import Synchronization
import Testing

@testable import StrataMath

@Suite struct NearestNeighbourIndexTests {
    /// `count` random unit vectors (normalised Gaussians) in `dimension` dimensions.
    static func unitVectors(_ count: Int, _ dimension: Int, seed: UInt64) -> Matrix {
        var random = SeededRandom(seed: seed)
        var m = Matrix(
            rows: count, columns: dimension, values: (0 ..< count * dimension).map { _ in Float(random.nextGaussian()) }
        )
        m.normalizeRows()
        return m
    }

    /// The share of `truth`'s indices that `found` holds.
    static func recall(_ found: [[(index: Int, score: Float)]], _ truth: [[(index: Int, score: Float)]]) -> Double {
        var hits = 0
        var total = 0
        for (f, t) in zip(found, truth) {
            let wanted = Set(t.map(\.index))
            hits += f.filter { wanted.contains($0.index) }.count
            total += t.count
        }
        return Double(hits) / Double(total)
    }

    /// 5,000 random unit vectors in 32 dimensions, their graph (forced with `exactBelow: 0`), 100 queries
    /// and the exact top 100 of each; built once for the suite.
    struct Fixture: Sendable {
        let vectors: Matrix
        let graph: NearestNeighbourIndex
        let queries: Matrix
        let truth: [[(index: Int, score: Float)]]
    }

    static let fixture = Result { () throws -> Fixture in
        let vectors = unitVectors(5000, 32, seed: 7)
        // efConstruction 40 keeps the build quick in debug builds; recall still clears 0.95 with room.
        let graph = try NearestNeighbourIndex(vectors: vectors, m: 16, efConstruction: 40, exactBelow: 0)
        let queries = unitVectors(100, 32, seed: 8)
        let exact = try NearestNeighbourIndex(vectors: vectors, exactBelow: .max)
        return Fixture(vectors: vectors, graph: graph, queries: queries, truth: try exact.search(queries, k: 100))
    }

    @Test func exactModeEqualsBruteForce() throws {
        // Small integers keep every product and sum exact in Float, so scores and tie order must match.
        var random = SeededRandom(seed: 3)
        let vectors = Matrix(
            rows: 300, columns: 16, values: (0 ..< 300 * 16).map { _ in Float(Int(random.next() % 7) - 3) })
        let index = try NearestNeighbourIndex(vectors: vectors)
        #expect(!index.isApproximate)
        let excluded: Set<Int> = [0, 5, 17, 299]
        for q in 0 ..< 20 {
            let query = (0 ..< 16).map { _ in Float(Int(random.next() % 7) - 3) }
            let k = q % 3 == 0 ? 300 : 10
            for exclude in [Set<Int>(), excluded] {
                var scored: [(index: Int, score: Float)] = []
                for r in 0 ..< vectors.rows where !exclude.contains(r) {
                    var sum = 0.0
                    for c in 0 ..< 16 { sum += Double(vectors[r, c]) * Double(query[c]) }
                    scored.append((index: r, score: Float(sum)))
                }
                scored.sort { $0.score > $1.score || ($0.score == $1.score && $0.index < $1.index) }
                let expected = Array(scored.prefix(k))
                let found = try index.search(query, k: k, excluding: exclude)
                #expect(found.map(\.index) == expected.map(\.index))
                #expect(found.map(\.score) == expected.map(\.score))
            }
        }
    }

    @Test func graphRecallsTheExactNeighbours() throws {
        let f = try Self.fixture.get()
        #expect(f.graph.isApproximate)
        let top10 = try f.graph.search(f.queries, k: 10, ef: 64)
        let top100 = try f.graph.search(f.queries, k: 100, ef: 200)
        let recall10 = Self.recall(top10, f.truth.map { Array($0.prefix(10)) })
        let recall100 = Self.recall(top100, f.truth)
        #expect(recall10 >= 0.95, "recall@10 \(recall10)")
        #expect(recall100 >= 0.95, "recall@100 \(recall100)")
        // Scores are the exact dot products, best first.
        for (found, q) in zip(top10, 0...) {
            #expect(found.count == 10)
            #expect(zip(found, found.dropFirst()).allSatisfy { $0.score >= $1.score })
            for hit in found {
                #expect(abs(hit.score - VectorMath.dot(f.vectors.row(hit.index), f.queries.row(q))) < 1e-5)
            }
        }
    }

    @Test func excludedRowsAreNeverReturned() throws {
        let f = try Self.fixture.get()
        var hits = 0
        for q in 0 ..< 20 {
            let query = f.queries.row(q)
            let excluded = Set(f.truth[q].prefix(30).map(\.index))
            let found = try f.graph.search(query, k: 10, ef: 64, excluding: excluded)
            #expect(found.count == 10)
            #expect(found.allSatisfy { !excluded.contains($0.index) })
            // What should come back instead are the next ten exact neighbours.
            let expected = Set(f.truth[q].dropFirst(30).prefix(10).map(\.index))
            hits += found.filter { expected.contains($0.index) }.count
        }
        #expect(hits >= 180, "\(hits) of the 200 next-best neighbours found")
        // Excluding all but three rows leaves those three.
        let small = try NearestNeighbourIndex(vectors: Self.unitVectors(200, 8, seed: 1), m: 4, exactBelow: 0)
        let found = try small.search([Float](repeating: 0.5, count: 8), k: 10, excluding: Set(3 ..< 200))
        #expect(found.map(\.index).sorted() == [0, 1, 2])
    }

    @Test func theSameSeedBuildsTheSameGraphOnAnyNumberOfThreads() throws {
        let vectors = Self.unitVectors(1000, 16, seed: 11)
        let queries = Self.unitVectors(20, 16, seed: 12)
        let serial = try NearestNeighbourIndex(
            vectors: vectors, m: 6, efConstruction: 24, seed: 5, exactBelow: 0, workers: 1)
        let parallel = try NearestNeighbourIndex(
            vectors: vectors, m: 6, efConstruction: 24, seed: 5, exactBelow: 0, workers: 3)
        let again = try NearestNeighbourIndex(
            vectors: vectors, m: 6, efConstruction: 24, seed: 5, exactBelow: 0, workers: 3)
        let other = try NearestNeighbourIndex(
            vectors: vectors, m: 6, efConstruction: 24, seed: 6, exactBelow: 0, workers: 3)
        func results(_ index: NearestNeighbourIndex) throws -> [[Int]] {
            try index.search(queries, k: 20, ef: 20).map { $0.map(\.index) }
        }
        #expect(try results(serial) == results(parallel))
        #expect(try results(parallel) == results(again))
        #expect(try results(other) != results(serial))
    }

    @Test func concurrentQueriesMatchSerialOnes() throws {
        let f = try Self.fixture.get()
        let serial = try (0 ..< f.queries.rows).map { try f.graph.search(f.queries.row($0), k: 10).map(\.index) }
        let concurrent = Mutex([[Int]](repeating: [], count: f.queries.rows))
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for q in stride(from: thread, to: f.queries.rows, by: 8) {
                let found = (try? f.graph.search(f.queries.row(q), k: 10).map(\.index)) ?? []
                concurrent.withLock { $0[q] = found }
            }
        }
        #expect(concurrent.withLock { $0 } == serial)
        // The batched search, on several threads, agrees too.
        #expect(try f.graph.search(f.queries, k: 10, workers: 4).map { $0.map(\.index) } == serial)
    }

    /// Debug builds run the C kernel, so the interleaved one that release builds run is checked here.
    @Test(arguments: [1, 3, 4, 7, 384], [1, 7, 8, 9, 17])
    func interleavedDotKernelMatchesPlainDots(dimension: Int, count: Int) {
        let vectors = Self.unitVectors(40, dimension, seed: UInt64(dimension * 100 + count))
        let query = Self.unitVectors(1, dimension, seed: 5).values
        let rows = (0 ..< count).map { ($0 * 7) % 40 }
        var out = [Float](repeating: .nan, count: count)
        vectors.values.withUnsafeBufferPointer { v in
            DotKernel.interleaved(
                v.baseAddress!, dimension: dimension, rows: rows, count: count, query: query, into: &out)
            for (i, r) in rows.enumerated() {
                let exact = (0 ..< dimension).reduce(0.0) { $0 + Double(vectors[r, $1]) * Double(query[$1]) }
                #expect(abs(Double(out[i]) - exact) < 1e-5)
                // A row's score does not depend on the rows scored with it.
                var alone: Float = .nan
                DotKernel.interleaved(
                    v.baseAddress!, dimension: dimension, rows: [r], count: 1, query: query, into: &alone)
                #expect(alone == out[i])
            }
        }
    }

    @Test func invalidParametersAreRejected() throws {
        let vectors = Self.unitVectors(10, 4, seed: 2)
        #expect(throws: NearestNeighbourIndexError.noVectors) {
            try NearestNeighbourIndex(vectors: Matrix(rows: 0, columns: 4))
        }
        #expect(throws: NearestNeighbourIndexError.noVectors) {
            try NearestNeighbourIndex(vectors: Matrix(rows: 3, columns: 0))
        }
        #expect(throws: NearestNeighbourIndexError.invalidM(1)) { try NearestNeighbourIndex(vectors: vectors, m: 1) }
        #expect(throws: NearestNeighbourIndexError.invalidEfConstruction(0)) {
            try NearestNeighbourIndex(vectors: vectors, efConstruction: 0)
        }
        #expect(throws: NearestNeighbourIndexError.invalidExactBelow(-1)) {
            try NearestNeighbourIndex(vectors: vectors, exactBelow: -1)
        }
        var broken = vectors
        broken[7, 2] = .nan
        #expect(throws: NearestNeighbourIndexError.nonFiniteVector(row: 7)) {
            try NearestNeighbourIndex(vectors: broken)
        }
        broken[7, 2] = .infinity
        #expect(throws: NearestNeighbourIndexError.nonFiniteVector(row: 7)) {
            try NearestNeighbourIndex(vectors: broken)
        }

        for index in [
            try NearestNeighbourIndex(vectors: vectors), try NearestNeighbourIndex(vectors: vectors, exactBelow: 0)
        ] {
            let query = vectors.row(0)
            #expect(throws: NearestNeighbourIndexError.invalidK(0)) { try index.search(query, k: 0) }
            #expect(throws: NearestNeighbourIndexError.invalidEf(0)) { try index.search(query, k: 1, ef: 0) }
            #expect(throws: NearestNeighbourIndexError.dimensionMismatch(expected: 4, actual: 3)) {
                try index.search([1, 0, 0], k: 1)
            }
            #expect(throws: NearestNeighbourIndexError.nonFiniteQuery) { try index.search([1, .nan, 0, 0], k: 1) }
            // A row finds itself first; k beyond the row count returns every row.
            #expect(try index.search(query, k: 1).first?.index == 0)
            #expect(try index.search(query, k: 50).count == 10)
        }
        #expect("\(NearestNeighbourIndexError.invalidK(0))" == "k must be at least 1, got 0")
    }

    /// A release benchmark, skipped unless STRATA_ANN_BENCH=1: builds a graph over 100k × 384 random unit
    /// vectors and times 1,000 queries against exact search. Run it with
    /// `swift build -c release --build-tests -Xswiftc -enable-testing` and
    /// `STRATA_ANN_BENCH=1 swift test -c release --skip-build --filter annBenchmark`; STRATA_ANN_BENCH_N,
    /// _DIM, _EF, _EFC and _LATENT change the size, ef, efConstruction and the data.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["STRATA_ANN_BENCH"] == "1", "set STRATA_ANN_BENCH=1"))
    func annBenchmark() throws {
        let env = ProcessInfo.processInfo.environment
        let n = Int(env["STRATA_ANN_BENCH_N"] ?? "") ?? 100_000
        let dimension = Int(env["STRATA_ANN_BENCH_DIM"] ?? "") ?? 384
        let ef = Int(env["STRATA_ANN_BENCH_EF"] ?? "") ?? 200
        let efConstruction = Int(env["STRATA_ANN_BENCH_EFC"] ?? "") ?? 200
        // Uniform random unit vectors are the worst case for any graph index (no structure at all);
        // STRATA_ANN_BENCH_LATENT=r draws them near an r-dimensional subspace instead, as embeddings are.
        let latent = Int(env["STRATA_ANN_BENCH_LATENT"] ?? "")
        func sample(_ count: Int, seed: UInt64) -> Matrix {
            guard let latent else { return Self.unitVectors(count, dimension, seed: seed) }
            let basis = Self.unitVectors(latent, dimension, seed: 99)
            var m = Self.unitVectors(count, latent, seed: seed).multiplied(by: basis)
            let noise = Self.unitVectors(count, dimension, seed: seed &+ 1000)
            for i in m.values.indices { m.values[i] += 0.3 * noise.values[i] }
            m.normalizeRows()
            return m
        }
        let vectors = sample(n, seed: 1)
        let queries = sample(1000, seed: 2)
        let clock = ContinuousClock()
        var index: NearestNeighbourIndex?
        // CPU seconds of the whole process: wall time alone says little on a shared machine.
        func cpu() -> Double { Double(Foundation.clock()) / Double(CLOCKS_PER_SEC) }
        let cpuBefore = cpu()
        let build = try clock.measure {
            index = try NearestNeighbourIndex(vectors: vectors, efConstruction: efConstruction, exactBelow: 0)
        }
        let buildCPU = cpu() - cpuBefore
        let exact = try NearestNeighbourIndex(vectors: vectors, exactBelow: .max)
        var truth: [[(index: Int, score: Float)]] = []
        let exactTime = try clock.measure { truth = try exact.search(queries, k: 100) }
        var found: [[(index: Int, score: Float)]] = []
        let serialTime = try clock.measure {
            found = try (0 ..< queries.rows).map { try index!.search(queries.row($0), k: 100, ef: ef) }
        }
        let batchTime = try clock.measure { _ = try index!.search(queries, k: 100, ef: ef) }
        var found10: [[(index: Int, score: Float)]] = []
        let time10 = try clock.measure {
            found10 = try (0 ..< queries.rows).map { try index!.search(queries.row($0), k: 10, ef: 64) }
        }
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        print(
            """
            ann bench: \(n) × \(dimension) \(latent.map { "near a \($0)-dimensional subspace" } ?? "uniform"), m 16, efConstruction \(efConstruction), \(ProcessInfo.processInfo.activeProcessorCount) cores
              build \(String(format: "%.1f", seconds(build))) s wall, \(String(format: "%.1f", buildCPU)) s CPU
              k 100 ef \(ef): recall@100 \(String(format: "%.4f", Self.recall(found, truth))), \
            \(String(format: "%.0f", 1000 / seconds(serialTime))) queries/s on one thread, \
            \(String(format: "%.0f", 1000 / seconds(batchTime))) queries/s batched
              k 10 ef 64: recall@10 \(String(format: "%.4f", Self.recall(found10, truth.map { Array($0.prefix(10)) }))), \
            \(String(format: "%.0f", 1000 / seconds(time10))) queries/s on one thread
              exact k 100: \(String(format: "%.0f", 1000 / seconds(exactTime))) queries/s
            """)
    }
}

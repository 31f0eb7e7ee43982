import Foundation
import StrataMath
import StrataRecommend
import StrataStore
import StrataTestSupport
import Testing

/// ItemKNN's neighbour lists and ALS's factors kept in a `FitCache`: read back only for the same
/// interactions and settings, scoring exactly as a fresh fit, and refitted when the kept file is unusable.
@Suite struct KeptCollaborativeFitsTests {
    let matrix = InteractionMatrix(
        itemIDs: ["a", "b", "c", "d", "e", "f"],
        histories: [
            ("u0", ["a", "b"]), ("u1", ["a", "b", "c"]), ("u2", ["c", "d"]), ("u3", ["b", "c", "d", "f"]),
            ("u4", ["a", "d"]), ("u5", ["e", "f", "a"])
        ])
    /// u4 also has b: one more interaction, the same catalog.
    let changed = InteractionMatrix(
        itemIDs: ["a", "b", "c", "d", "e", "f"],
        histories: [
            ("u0", ["a", "b"]), ("u1", ["a", "b", "c"]), ("u2", ["c", "d"]), ("u3", ["b", "c", "d", "f"]),
            ("u4", ["a", "d", "b"]), ("u5", ["e", "f", "a"])
        ])

    /// What a cache logged.
    final class Recorder {
        var lines = [String]()
        /// How many fits of `kind` were read back and used (not followed by `fitting again`).
        func reads(_ kind: String) -> Int {
            lines.indices.filter { index in
                (lines[index].hasPrefix("read the kept \(kind) ") || lines[index].hasPrefix("read the fitted \(kind) "))
                    && !(index + 1 < lines.count && lines[index + 1].hasSuffix("fitting again"))
            }.count
        }
    }

    func withCache(_ body: (FitCache, Recorder) throws -> Void) throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = Recorder()
        try body(FitCache(folder: folder.appendingPathComponent("db.cache")) { recorder.lines.append($0) }, recorder)
    }

    /// Every user's scores from `generator`, row after row.
    func scores(_ generator: any CandidateGenerator, _ matrix: InteractionMatrix) -> [Float] {
        generator.scores(
            for: matrix.userIDs.indices.map { UserContext(user: matrix.userIDs[$0], items: matrix.userItems[$0]) }
        ).values
    }

    func files(_ cache: FitCache) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cache.folder.path).sorted()
    }

    func knn(_ matrix: InteractionMatrix, _ cache: FitCache? = nil, neighbours: Int = 3) throws -> ItemKNN {
        try ItemKNN(fitting: matrix, neighbours: neighbours, shrinkage: 1, cache: cache)
    }

    func als(_ matrix: InteractionMatrix, _ cache: FitCache? = nil, iterations: Int = 4) throws -> ImplicitALS {
        try ImplicitALS(fitting: matrix, factors: 3, iterations: iterations, cache: cache)
    }

    @Test func keptNeighboursAreReadBackAndScoreAsAFreshFit() throws {
        try withCache { cache, recorder in
            _ = try knn(matrix, cache)
            #expect(recorder.reads("itemknn") == 0)
            #expect(try files(cache).count == 1 && files(cache)[0].hasPrefix("itemknn-"))
            let kept = try knn(matrix, cache)
            #expect(recorder.reads("itemknn") == 1)
            let fresh = try knn(matrix)
            #expect(scores(kept, matrix) == scores(fresh, matrix))
            #expect(scores(kept, matrix).contains { $0 > 0 })
            for user in ["u0", "u4"] {
                let context = UserContext(user: user, items: matrix.userItems[matrix.userIndex[user]!])
                #expect(kept.sparseScores(for: context) == fresh.sparseScores(for: context))
            }
        }
    }

    @Test func keptFactorsAreReadBackAndScoreAsAFreshFit() throws {
        try withCache { cache, recorder in
            _ = try als(matrix, cache)
            #expect(try files(cache).count == 1 && files(cache)[0].hasPrefix("als-"))
            let kept = try als(matrix, cache)
            #expect(recorder.reads("als") == 1)
            let fresh = try als(matrix)
            #expect(kept.userFactors == fresh.userFactors && kept.itemFactors == fresh.itemFactors)
            #expect(scores(kept, matrix) == scores(fresh, matrix))
            // A user unknown at fit time is solved against the kept item factors as against the fresh ones.
            #expect(kept.userFactor(items: [0, 3]) == fresh.userFactor(items: [0, 3]))
        }
    }

    @Test func changedInteractionsOrSettingsRefitAndReplaceTheKeptFit() throws {
        try withCache { cache, recorder in
            _ = try knn(matrix, cache)
            _ = try als(matrix, cache)
            let first = try files(cache)
            let refitted = try knn(changed, cache)
            let refittedALS = try als(changed, cache)
            #expect(recorder.reads("itemknn") == 0 && recorder.reads("als") == 0)
            let second = try files(cache)
            #expect(second.count == 2 && Set(second).isDisjoint(with: first))
            #expect(scores(refitted, changed) == scores(try knn(changed), changed))
            #expect(scores(refittedALS, changed) == scores(try als(changed), changed))
            _ = try knn(changed, cache, neighbours: 2)
            _ = try als(changed, cache, iterations: 5)
            #expect(recorder.reads("itemknn") == 0 && recorder.reads("als") == 0)
            #expect(try Set(files(cache)).isDisjoint(with: second))
        }
    }

    @Test(arguments: ["itemknn", "als"])
    func aTruncatedFileIsRefittedAndReplaced(kind: String) throws {
        try withCache { cache, recorder in
            func fit() throws -> [Float] {
                kind == "als" ? scores(try als(matrix, cache), matrix) : scores(try knn(matrix, cache), matrix)
            }
            let expected = try fit()
            let file = cache.folder.appendingPathComponent(try files(cache)[0])
            let bytes = try Data(contentsOf: file)
            try bytes.prefix(bytes.count - 5).write(to: file)
            #expect(try fit() == expected)
            #expect(recorder.reads(kind) == 0)
            #expect(recorder.lines.contains { $0.hasSuffix("fitting again") })
            #expect(try Data(contentsOf: file) == bytes)
            #expect(try fit() == expected)
            #expect(recorder.reads(kind) == 1)
        }
    }
}

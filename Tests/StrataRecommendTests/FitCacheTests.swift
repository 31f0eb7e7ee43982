import Foundation
import StrataCore
import StrataMath
import StrataRecommend
import StrataStore
import StrataTestSupport
import Testing

/// EASE weights kept in a `FitCache`: read back only for the same interactions and λ, identical to a
/// fresh fit, and refitted whenever the file cannot be used.
@Suite struct FitCacheTests {
    let matrix = InteractionMatrix(
        itemIDs: ["a", "b", "c", "d", "e"],
        histories: [
            ("u0", ["a", "b"]), ("u1", ["a", "b", "c"]), ("u2", ["c", "d"]), ("u3", ["b", "c", "d"]), ("u4", ["a", "d"])
        ])

    /// What a cache logged.
    final class Recorder {
        var lines = [String]()
        /// How many fits were read back.
        var reads: Int { lines.filter { $0.hasPrefix("read the fitted ease weights") }.count }
    }

    /// Runs `body` with a cache in a fresh folder (removed afterwards) and what the cache logs.
    func withCache(_ body: (FitCache, Recorder) throws -> Void) throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = Recorder()
        try body(FitCache(folder: folder.appendingPathComponent("db.cache")) { recorder.lines.append($0) }, recorder)
    }

    /// Every user's scores from `ease`, row after row.
    func scores(_ ease: EASE, _ matrix: InteractionMatrix) -> [Float] {
        ease.scores(
            for: matrix.userIDs.indices.map { UserContext(user: matrix.userIDs[$0], items: matrix.userItems[$0]) }
        ).values
    }

    func files(_ cache: FitCache) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cache.folder.path).sorted()
    }

    @Test func aStoredFitIsReadBackWithTheFreshFitsScoresBitForBit() throws {
        try withCache { cache, recorder in
            _ = try EASE(fitting: matrix, lambda: 2, cache: cache)
            #expect(recorder.reads == 0)
            #expect(try files(cache).count == 1)
            var loaded = try EASE(fitting: matrix, lambda: 2, cache: cache)
            #expect(recorder.reads == 1)
            #expect(scores(loaded, matrix) == scores(try EASE(fitting: matrix, lambda: 2), matrix))
            loaded.recentWindow = 1
            #expect(scores(loaded, matrix) == scores(try EASE(fitting: matrix, lambda: 2, recentWindow: 1), matrix))
        }
    }

    @Test func anotherLambdaOrOtherInteractionsMissAndReplaceTheStaleFile() throws {
        try withCache { cache, recorder in
            _ = try EASE(fitting: matrix, lambda: 2, cache: cache)
            let first = try files(cache)
            _ = try EASE(fitting: matrix, lambda: 3, cache: cache)
            let second = try files(cache)
            #expect(second.count == 1 && second != first)

            // u4 also has b: one more interaction, the same catalog and λ.
            let changed = InteractionMatrix(
                itemIDs: matrix.itemIDs,
                histories: [
                    ("u0", ["a", "b"]), ("u1", ["a", "b", "c"]), ("u2", ["c", "d"]), ("u3", ["b", "c", "d"]),
                    ("u4", ["a", "d", "b"])
                ])
            let refitted = try EASE(fitting: changed, lambda: 3, cache: cache)
            #expect(recorder.reads == 0)
            let third = try files(cache)
            #expect(third.count == 1 && third != second)
            #expect(scores(refitted, changed) == scores(try EASE(fitting: changed, lambda: 3), changed))
        }
    }

    @Test func theSameInteractionsInAnotherOrderHit() throws {
        try withCache { cache, recorder in
            _ = try EASE(fitting: matrix, lambda: 2, cache: cache)
            let reordered = InteractionMatrix(
                itemIDs: matrix.itemIDs,
                histories: [
                    ("u0", ["b", "a"]), ("u1", ["c", "a", "b"]), ("u2", ["c", "d"]), ("u3", ["b", "c", "d"]),
                    ("u4", ["d", "a"])
                ])
            _ = try EASE(fitting: reordered, lambda: 2, cache: cache)
            #expect(recorder.reads == 1)
        }
    }

    @Test(arguments: ["truncated", "wrong shape", "wrong columns", "not numpy"])
    func anUnusableFileIsRefittedAndReplaced(damage: String) throws {
        try withCache { cache, recorder in
            _ = try EASE(fitting: matrix, lambda: 2, cache: cache)
            let file = cache.folder.appendingPathComponent(try files(cache)[0])
            let bytes = try Data(contentsOf: file)
            switch damage {
            case "truncated": try bytes.prefix(bytes.count - 7).write(to: file)
            case "wrong shape": try NumpyFile.write(Matrix(rows: 2, columns: 2, repeating: 1), toPath: file.path)
            // Items a–d have interactions: 4 × 4 weights and a last row that should hold columns 0…3.
            case "wrong columns": try NumpyFile.write(Matrix(rows: 5, columns: 4, repeating: 1), toPath: file.path)
            default: try Data("not a numpy file".utf8).write(to: file)
            }
            let refitted = try EASE(fitting: matrix, lambda: 2, cache: cache)
            #expect(recorder.reads == 0)
            #expect(recorder.lines.contains { $0.hasSuffix("fitting again") })
            #expect(scores(refitted, matrix) == scores(try EASE(fitting: matrix, lambda: 2), matrix))
            _ = try EASE(fitting: matrix, lambda: 2, cache: cache)
            #expect(recorder.reads == 1)
        }
    }

    @Test func anUnwritableFolderIsLoggedAndTheFitStillServes() throws {
        try withCache { cache, recorder in
            // The cache's parent is a file, so its folder cannot be created.
            try FileManager.default.createDirectory(
                at: cache.folder.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: cache.folder.deletingLastPathComponent().appendingPathComponent("blocker"))
            let blocked = FitCache(
                folder: cache.folder.deletingLastPathComponent().appendingPathComponent("blocker/db.cache")
            ) {
                recorder.lines.append($0)
            }
            let ease = try EASE(fitting: matrix, lambda: 2, cache: blocked)
            #expect(recorder.lines.contains { $0.hasPrefix("cannot keep the fitted ease weights") })
            #expect(scores(ease, matrix) == scores(try EASE(fitting: matrix, lambda: 2), matrix))
        }
    }
}

extension FitCache {
    /// The folder of a cache made by `init(folder:log:)`.
    var folder: URL { (keeper as! FolderFitKeeper).folder }
}

import Foundation
import StrataCore
import StrataMath
import StrataPostgres
import StrataStore
import StrataTestSupport
import Testing

/// The places fits are kept (`FitKeeper`): a folder beside a SQLite store, the `kept_fits` table of a
/// PostgreSQL one. Both give back what was kept, keep one fit per kind, and forget everything on request;
/// the table splits a fit into chunks and loses it with any deleted user.
@Suite struct KeptFitsStoreTests {
    /// The keeper of `backend`'s store in `fixtures`, rows of `chunkBytes` on PostgreSQL.
    func keeper(_ fixtures: Fixtures, chunkBytes: Int = 1000) -> any FitKeeper {
        (fixtures.store as? PostgresStore)?.fitKeeper(chunkBytes: chunkBytes)
            ?? FolderFitKeeper(folder: URL(fileURLWithPath: fixtures.location + ".cache"))
    }

    /// `count` pseudo-random bytes.
    func bytes(_ count: Int, seed: UInt64) -> Data {
        var random = SeededRandom(seed: seed)
        return Data((0 ..< count).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    }

    @Test(arguments: Backend.allCases) func aFitLargerThanAChunkRoundTripsAndReplacesItsKindsOlderFit(
        backend: Backend
    ) throws {
        let fixtures = try Fixtures(backend)
        let keeper = keeper(fixtures)
        #expect(try keeper.read(kind: "ease", fingerprint: "f1.npy") == nil)
        let large = bytes(3_500, seed: 1)
        try keeper.keep(large, kind: "ease", fingerprint: "f1.npy")
        try keeper.keep(bytes(10, seed: 2), kind: "als", fingerprint: "f1.npy")
        #expect(try keeper.read(kind: "ease", fingerprint: "f1.npy") == large)
        #expect(try keeper.read(kind: "ease", fingerprint: "f2.npy") == nil)

        let newer = bytes(2_000, seed: 3)  // exactly two chunks
        try keeper.keep(newer, kind: "ease", fingerprint: "f2.npy")
        #expect(try keeper.read(kind: "ease", fingerprint: "f2.npy") == newer)
        #expect(try keeper.read(kind: "ease", fingerprint: "f1.npy") == nil)
        #expect(try keeper.read(kind: "als", fingerprint: "f1.npy") == bytes(10, seed: 2))
        try keeper.keep(Data(), kind: "itemknn", fingerprint: "f3.bin")
        #expect(try keeper.read(kind: "itemknn", fingerprint: "f3.bin") == Data())

        try keeper.removeAll()
        for (kind, fingerprint) in [("ease", "f2.npy"), ("als", "f1.npy"), ("itemknn", "f3.bin")] {
            #expect(try keeper.read(kind: kind, fingerprint: fingerprint) == nil)
        }
    }

    @Test func aFitOverTheDefaultChunkSizeRoundTripsThroughTheDatabase() throws {
        let fixtures = try Fixtures(.postgres)
        let keeper = try #require(fixtures.store as? PostgresStore).fitKeeper()
        let large = bytes(PostgresFitKeeper.defaultChunkBytes + 3, seed: 4)
        try keeper.keep(large, kind: "ease", fingerprint: "f.npy")
        #expect(try keeper.read(kind: "ease", fingerprint: "f.npy") == large)
    }

    @Test func deletingAUserDeletesTheDatabasesKeptFits() throws {
        let fixtures = try Fixtures(.postgres)
        try fixtures.catalog()
        let store = fixtures.store
        _ = try store.write { writer in
            try writer.insert(Event(userID: "u1", itemID: "i1", type: .view, timestamp: 1_700_000_000))
        }
        let keeper = keeper(fixtures)
        try keeper.keep(bytes(1_500, seed: 5), kind: "ease", fingerprint: "f.npy")
        #expect(try !store.deleteUser("nobody"))
        #expect(try keeper.read(kind: "ease", fingerprint: "f.npy") != nil)
        #expect(try store.deleteUser("u1"))
        #expect(try keeper.read(kind: "ease", fingerprint: "f.npy") == nil)
    }
}

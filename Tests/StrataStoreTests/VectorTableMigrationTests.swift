import Foundation
import GRDB
import StrataTestSupport
import Testing

@testable import StrataSQLite

/// Migration v5 moves item vectors and profiles out of WITHOUT ROWID tables, where each 1,536-byte vector
/// overflowed into a page of its own: every row survives, keys stay unique, and the vectors' pages halve.
@Suite struct VectorTableMigrationTests {
    /// Pages in use of `queue`'s database after a VACUUM.
    static func pages(_ queue: DatabaseQueue) throws -> Int {
        try queue.vacuum()
        return try queue.read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
    }

    @Test func vectorsAndProfilesSurviveInRowidTablesAndVectorsTakeHalfTheRoom() throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("v4.sqlite").path)
        try Schema.migrator.migrate(queue, upTo: "v4: event counts")
        let vector = Data((0 ..< 1_536).map { UInt8($0 % 251) })  // 384 Float32 values
        try queue.write { db in
            for n in 0 ..< 400 {
                try db.execute(
                    sql: "INSERT INTO item_embeddings VALUES ('m', ?, 'h', 384, ?)", arguments: ["i\(n)", vector])
            }
            for n in 0 ..< 3 {  // a profile's three vectors pass a page either way: they only have to survive
                try db.execute(
                    sql: "INSERT INTO profiles VALUES (?, 1, 2, '{}', ?, ?, ?)",
                    arguments: ["u\(n)", vector, vector, vector])
            }
        }
        let before = try Self.pages(queue)

        try Schema.migrator.migrate(queue)
        try queue.read { db in
            #expect(
                try Int.fetchOne(db, sql: "SELECT count(*) FROM item_embeddings WHERE vector = ?", arguments: [vector])
                    == 400)
            #expect(
                try Int.fetchOne(db, sql: "SELECT count(*) FROM profiles WHERE deep = ?", arguments: [vector]) == 3)
            let tables = try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE name IN ('item_embeddings', 'profiles')")
            #expect(tables.count == 2 && tables.allSatisfy { !$0.contains("WITHOUT ROWID") })
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "INSERT INTO item_embeddings VALUES ('m', 'i7', 'h', 384, x'00')") }
        }
        let after = try Self.pages(queue)
        #expect(Double(after) < 0.6 * Double(before), "\(before) pages before, \(after) after")
    }
}

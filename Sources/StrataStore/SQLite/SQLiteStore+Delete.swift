import Foundation
import GRDB
import StrataCore

extension SQLiteStore {
    /// Deletes from every table keyed by user and takes the user out of the stored segments (their
    /// sizes and representative users), then truncates the write-ahead log: with `secure_delete` on,
    /// the deleted rows are zeros in the database file, and no older log frame keeps a copy of them.
    /// The tables are `StoredForm.userTables`.
    public func deleteUser(_ userID: String) throws -> Bool {
        let deleted = try pool.write { db in
            try Self.removeFromSegmentModels(userID, db)
            for table in StoredForm.userTables {
                try db.execute(sql: "DELETE FROM \(table.name) WHERE \(table.column) = ?", arguments: [userID])
            }
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [userID])
            return db.changesCount > 0
        }
        try truncateLog()
        return deleted
    }

    /// Rewrites each stored segment model the user is a member of without them.
    private static func removeFromSegmentModels(_ userID: String, _ db: Database) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.layer, m.model, s.segment FROM segment_models m
                LEFT JOIN segment_memberships s ON s.layer = m.layer AND s.user_id = ?
                """, arguments: [userID])
        for row in rows {
            let json: String = row["model"]
            guard
                let model = StoredForm.segmentModel(
                    try StoredForm.decode(SegmentModel.self, json: json), without: userID, segment: row["segment"])
            else { continue }
            try db.execute(
                sql: "UPDATE segment_models SET model = ? WHERE layer = ?",
                arguments: [try StoredForm.json(model), row["layer"] as String])
        }
    }

    /// Copies the write-ahead log into the database file and truncates it to zero bytes. SQLite refuses
    /// while a reader still uses the log (or the background checkpoint runs); it is asked again until
    /// they are done, for up to about five seconds.
    func truncateLog() throws {
        for attempt in 1 ... 500 {
            do {
                _ = try pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
                return
            } catch let error as DatabaseError
                where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
            {
                if attempt == 500 { throw error }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }
}

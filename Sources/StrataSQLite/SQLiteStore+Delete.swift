import Foundation
import GRDB
import StrataCore
import StrataStore

extension SQLiteStore {
    /// Deletes from every table keyed by user and takes the user out of the stored segments (their
    /// sizes and representative users), then truncates the write-ahead log: with `secure_delete` on,
    /// the deleted rows are zeros in the database file, and no older log frame keeps a copy of them.
    /// The tables are `StoredForm.userTables`; `event_counts` loses the user's events.
    public func deleteUser(_ userID: String) throws -> Bool {
        let deleted = try pool.write { db in
            try Self.removeFromSegmentModels(userID, db)
            try Self.uncount(userID, db)
            for table in StoredForm.userTables {
                try db.execute(sql: "DELETE FROM \(table.name) WHERE \(table.column) = ?", arguments: [userID])
            }
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [userID])
            return db.changesCount > 0
        }
        try truncateLog()
        return deleted
    }

    /// Takes the user's events out of `event_counts`. Where they held a type's first or last time, that
    /// type's times are read again from the events left (one pass over them, without sorting).
    private static func uncount(_ userID: String, _ db: Database) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.type, count(*), min(e.timestamp) <= c.first OR max(e.timestamp) >= c.last
                FROM events e JOIN event_counts c ON c.type = e.type
                WHERE e.user_id = ? GROUP BY e.type
                """, arguments: [userID])
        for row in rows {
            let (type, count, heldABound): (String, Int, Bool) = (row[0], row[1], row[2])
            try db.execute(
                sql: "UPDATE event_counts SET count = count - ? WHERE type = ?", arguments: [count, type])
            guard heldABound else { continue }
            try db.execute(
                sql: """
                    UPDATE event_counts SET
                        first = (SELECT min(timestamp) FROM events WHERE type = ?1 AND user_id <> ?2),
                        last = (SELECT max(timestamp) FROM events WHERE type = ?1 AND user_id <> ?2)
                    WHERE type = ?1 AND count > 0
                    """, arguments: [type, userID])
        }
        try db.execute(sql: "DELETE FROM event_counts WHERE count <= 0")
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

import GRDB

extension SQLiteStore {
    /// Deletes from every table keyed by user. Tables added later that hold per-user rows (segment
    /// memberships, recommendations) belong in `userTables` too.
    public func deleteUser(_ userID: String) throws -> Bool {
        try pool.write { db in
            for table in Self.userTables {
                try db.execute(sql: "DELETE FROM \(table.name) WHERE \(table.column) = ?", arguments: [userID])
            }
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [userID])
            return db.changesCount > 0
        }
    }

    /// The tables holding rows of one user, with the column naming the user.
    static let userTables: [(name: String, column: String)] = [
        ("events", "user_id"),
        ("profiles", "user_id"),
        ("segment_memberships", "user_id"),
    ]
}

import GRDB

extension SQLiteStore {
    /// Deletes from every table keyed by user (`StoredForm.userTables`).
    public func deleteUser(_ userID: String) throws -> Bool {
        try pool.write { db in
            for table in StoredForm.userTables {
                try db.execute(sql: "DELETE FROM \(table.name) WHERE \(table.column) = ?", arguments: [userID])
            }
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [userID])
            return db.changesCount > 0
        }
    }

}

import PostgresNIO

extension PostgresStore {
    /// Deletes from every table keyed by user (`StoredForm.userTables`), in one transaction.
    public func deleteUser(_ userID: String) throws -> Bool {
        try connections.withConnection { lease in
            try lease.transaction {
                for table in StoredForm.userTables {
                    try lease.execute(
                        "DELETE FROM \(unescaped: table.name) WHERE \(unescaped: table.column) = \(userID)")
                }
                return try lease.execute("DELETE FROM users WHERE id = \(userID)") > 0
            }
        }
    }
}

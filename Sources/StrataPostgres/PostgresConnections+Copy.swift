import PostgresNIO

extension PostgresConnections.Lease {
    /// How `upsert(into:…)` treats rows whose key is already stored.
    enum Conflict {
        /// Keep the stored row.
        case keep
        /// Overwrite the stored row's other columns.
        case replace
        /// Overwrite them only where they differ, so unchanged rows count as unchanged.
        case replaceChanged
    }

    /// Stores `rows` (columns `columns`) into `table` through `COPY` into a temporary copy of the table,
    /// then one `INSERT … ON CONFLICT` (so concurrent writers of the same keys do not fail); returns how
    /// many rows were inserted or changed. Call inside a transaction.
    @discardableResult
    func upsert(into table: String, columns: [String], key: [String], rows: CopyRows, conflict: Conflict) throws -> Int
    {
        guard !rows.isEmpty else { return 0 }
        let staged = "staged_\(table)"
        try execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS \(unescaped: staged) (LIKE \(unescaped: table) INCLUDING DEFAULTS) ON COMMIT DELETE ROWS
            """)
        try execute("TRUNCATE \(unescaped: staged)")
        try copy(rows, into: staged, columns: columns)
        let names = columns.joined(separator: ", ")
        let others = columns.filter { !key.contains($0) }
        let action =
            switch conflict {
            case .keep: "DO NOTHING"
            case .replace, .replaceChanged:
                "DO UPDATE SET " + others.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
                    + (conflict == .replace
                        ? ""
                        : " WHERE "
                            + others.map { "\(table).\($0) IS DISTINCT FROM excluded.\($0)" }
                            .joined(separator: " OR "))
            }
        return try execute(
            """
            INSERT INTO \(unescaped: table)(\(unescaped: names)) SELECT \(unescaped: names) FROM \(unescaped: staged)
            ON CONFLICT (\(unescaped: key.joined(separator: ", "))) \(unescaped: action)
            """)
    }

    /// Sends `rows` (columns `columns`) into `table` with one `COPY`; a row whose key is stored fails the
    /// whole statement, so only for rows known to be new.
    func copy(_ rows: CopyRows, into table: String, columns: [String]) throws {
        guard !rows.isEmpty else { return }
        let buffer = rows.buffer
        try run { connection, logger in
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                try await writer.write(buffer)
            }
        }
    }
}

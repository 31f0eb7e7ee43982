import PostgresNIO

extension PostgresStore {
    /// Holds a session-level advisory lock (`pg_try_advisory_lock`) on a connection kept aside while
    /// `body` runs: another process's store (or another caller of this one, on another connection) does
    /// not get it meanwhile, and PostgreSQL releases it when the connection dies with its process.
    public func whileFitting<T>(_ fit: FitKind, _ body: () throws -> T) throws -> T? {
        let key = PostgresLocks.fitting(fit)
        return try connections.withConnection { lease in
            guard
                try lease.rows("SELECT pg_try_advisory_lock(\(PostgresLocks.namespace), \(key))")[0].decode(Bool.self)
            else { return nil }
            // Should the connection be gone by now, so is the lock.
            defer { _ = try? lease.execute("SELECT pg_advisory_unlock(\(PostgresLocks.namespace), \(key))") }
            return try body()
        }
    }
}

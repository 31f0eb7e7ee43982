import PostgresNIO
import StrataStore

extension PostgresStore {
    /// Holds a session-level advisory lock (`pg_try_advisory_lock`) on a connection kept aside while
    /// `body` runs: another process's store (or another caller of this one, on another connection) does
    /// not get it meanwhile, and PostgreSQL releases it when the connection dies with its process.
    ///
    /// What `body` does with this store on the calling thread runs on that connection
    /// (`PostgresConnections.pinning`), so a fit whose lock connection ends (its backend terminated, the
    /// server restarted) stores nothing from then on: it fails with `PostgresStoreError.fitLockLost`,
    /// while another process may take the lock and fit.
    public func whileFitting<T>(_ fit: FitKind, _ body: () throws -> T) throws -> T? {
        let key = PostgresLocks.fitting(fit)
        return try connections.withPooledConnection { lease -> T? in
            guard
                try lease.rows("SELECT pg_try_advisory_lock(\(PostgresLocks.namespace), \(key))")[0].decode(Bool.self)
            else { return nil }
            // Should the connection be gone by now, so is the lock.
            defer { _ = try? lease.execute("SELECT pg_advisory_unlock(\(PostgresLocks.namespace), \(key))") }
            do {
                return try connections.pinning(lease, body)
            } catch {
                // The connection may be closing but not closed yet: asking it settles whether the lock is held.
                guard lease.connection.isClosed || (try? lease.execute("SELECT 1")) == nil else { throw error }
                throw PostgresStoreError.fitLockLost(
                    fit: fit.rawValue, location: location.description, reason: "\(error)")
            }
        }
    }
}

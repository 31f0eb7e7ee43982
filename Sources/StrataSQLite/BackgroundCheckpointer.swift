import Dispatch
import Foundation
import GRDB
import GRDBSQLite

/// Copies SQLite's write-ahead log back into the database file on a background queue, through its own
/// connection, so a commit never waits for it.
///
/// SQLite's automatic checkpoint runs inside the commit that passes its threshold, while that writer
/// still holds the write lock, and includes two fsyncs; a server applying events one batch after
/// another waited for it every few batches. Installed on a connection, this replaces that automatic
/// checkpoint with a passive one (which never blocks writers or readers) at the same threshold.
final class BackgroundCheckpointer: @unchecked Sendable {
    /// Log pages after which a checkpoint is due (SQLite's default for its automatic one).
    static let threshold: Int32 = 1000

    private let queue = DispatchQueue(label: "strata.sqlite.checkpoint")
    private let lock = NSLock()
    /// Guarded by `lock`: a checkpoint is scheduled and has not started yet.
    private var pending = false
    /// Used on `queue` only; `nil` once closed.
    private var connection: DatabaseQueue?

    /// Opens the checkpointing connection to the database at `path` (in WAL mode already).
    func open(path: String) throws {
        let connection = try DatabaseQueue(path: path)
        queue.sync { self.connection = connection }
    }

    /// Replaces the automatic checkpoint of `db` (a connection of the same database) with this one.
    func install(on db: Database) {
        sqlite3_wal_hook(
            db.sqliteConnection,
            { context, _, _, pages in
                if pages >= BackgroundCheckpointer.threshold, let context {
                    Unmanaged<BackgroundCheckpointer>.fromOpaque(context).takeUnretainedValue().schedule()
                }
                return SQLITE_OK
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Waits for a scheduled checkpoint and closes the connection: once the store's own connections
    /// close too, SQLite folds the log into the file as it always does on the last close.
    func close() {
        queue.sync { connection = nil }
    }

    private func schedule() {
        let first = lock.withLock {
            defer { pending = true }
            return !pending
        }
        guard first else { return }
        queue.async {
            self.lock.withLock { self.pending = false }
            // A passive checkpoint copies what it can without waiting; what readers still use waits for the next one.
            _ = try? self.connection?.writeWithoutTransaction { try $0.checkpoint(.passive) }
        }
    }
}

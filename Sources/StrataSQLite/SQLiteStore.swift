import Foundation
import GRDB
import StrataCore
import StrataMath
import StrataPrivacy
import StrataStore

/// The embedded store: one SQLite file in WAL mode, migrated to the current schema when opened.
///
/// Every connection runs with `secure_delete` on: SQLite overwrites deleted content with zeros, so a
/// deleted row is not left behind in free space of the file (see `deleteUser`).
public final class SQLiteStore: Store {
    let pool: DatabasePool
    private let checkpointer = BackgroundCheckpointer()
    /// How event texts are stored (see `EventTexts.check` for tying the file to a key).
    let texts: EventTexts
    /// One machine's file, one process's server: its fit locks are this process's.
    private let fitLocks = ProcessFitLocks()

    /// Events one write inserts before the item index is dropped and built again at its commit (see
    /// `SQLiteWriter.eventsBeforeIndexRebuild`; lowered in tests).
    let eventsBeforeIndexRebuild: Int

    /// Opens (creating if needed) the database file at `path`, storing event texts as `texts` says.
    public convenience init(path: String, texts: EventTexts = .clear) throws {
        try self.init(path: path, texts: texts, eventsBeforeIndexRebuild: SQLiteWriter.eventsBeforeIndexRebuild)
    }

    init(path: String, texts: EventTexts, eventsBeforeIndexRebuild: Int) throws {
        self.texts = texts
        self.eventsBeforeIndexRebuild = eventsBeforeIndexRebuild
        var configuration = Configuration()
        // Another process (a server beside a command) or this one's background checkpoint may hold a lock
        // for a moment: wait for it rather than fail with "database is locked".
        configuration.busyMode = .timeout(30)
        let checkpointer = checkpointer
        configuration.prepareDatabase { db in
            try db.execute(
                sql: """
                    PRAGMA synchronous = NORMAL;
                    PRAGMA cache_size = -131072;
                    PRAGMA temp_store = MEMORY;
                    PRAGMA secure_delete = ON;
                    """)
            checkpointer.install(on: db)
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Schema.migrator.migrate(pool)
        try checkpointer.open(path: path)
    }

    deinit {
        checkpointer.close()
    }

    /// SQLite's `PRAGMA integrity_check` of the file: `"ok"` when it is sound, else the problems found.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// Counts users and items, and reads the events' counts and times from `event_counts`, which every
    /// write keeps: no pass over the events.
    public func stats() throws -> StoreStats {
        try pool.read { db in
            var byType: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT type, count FROM event_counts") {
                byType[row[0]] = row[1]
            }
            let range = try Row.fetchOne(db, sql: "SELECT min(first), max(last) FROM event_counts")
            return StoreStats(
                users: try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0,
                items: try Int.fetchOne(db, sql: "SELECT count(*) FROM items") ?? 0,
                events: byType.values.reduce(0, +),
                eventsByType: byType,
                firstEvent: range?[0],
                lastEvent: range?[1])
        }
    }

    public func items() throws -> [Item] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM items ORDER BY id").map(Self.item) }
    }

    public func item(id: String) throws -> Item? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM items WHERE id = ?", arguments: [id]).map(Self.item)
        }
    }

    public func users() throws -> [User] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY id").map(Self.user) }
    }

    public func user(id: String) throws -> User? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user)
        }
    }

    public func events(ofUser userID: String) throws -> [Event] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.eventColumns) FROM events WHERE user_id = ? ORDER BY timestamp, item_id, type
                    """, arguments: [userID]
            ).map { try Self.event($0, texts: texts) }
        }
    }

    public func events(ofItem itemID: String) throws -> [Event] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.eventColumns) FROM events WHERE item_id = ? ORDER BY timestamp, user_id, type
                    """, arguments: [itemID]
            ).map { try Self.event($0, texts: texts) }
        }
    }

    public func forEachEvent(_ body: (Event) throws -> Void) throws {
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(Self.eventColumns) FROM events ORDER BY user_id, timestamp, item_id, type
                    """)
            while let row = try rows.next() { try body(Self.event(row, texts: texts)) }
        }
    }

    public func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                let writer = try SQLiteWriter(db, texts: texts, eventsBeforeIndexRebuild: eventsBeforeIndexRebuild)
                result = try body(writer)
                try writer.finish()
                return .commit
            }
            return result!
        }
    }

    static func item(_ row: Row) -> Item {
        Item(
            id: row["id"], title: row["title"], description: row["description"],
            categories: StoredForm.categories(fromColumn: row["categories"]),
            attributes: StoredForm.attributes(fromJSON: row["attributes"]))
    }

    static func user(_ row: Row) -> User {
        User(id: row["id"], attributes: StoredForm.attributes(fromJSON: row["attributes"]))
    }

    /// The columns `event(_:)` reads, in its order (by position: name look-ups cost more than the rest
    /// of decoding an event).
    static let eventColumns = "user_id, item_id, type, timestamp, value, text"

    static func event(_ row: Row, texts: EventTexts) throws -> Event {
        let type: String = row[2]
        return Event(
            userID: row[0], itemID: row[1], type: EventType(rawValue: type) ?? .view,
            timestamp: row[3], value: row[4], text: try texts.text(fromColumn: row[5]))
    }
}

extension SQLiteStore {
    public func whileFitting<T>(_ fit: FitKind, _ body: () throws -> T) throws -> T? {
        try fitLocks.whileHolding(fit, body)
    }
}

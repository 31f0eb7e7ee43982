import GRDB
import GRDBSQLite
import StrataCore
import StrataPrivacy
import StrataStore

/// Bulk writes inside one open transaction, through prepared statements bound with the raw SQLite API
/// (no per-row SQL parsing, no boxed arguments).
final class SQLiteWriter: StoreWriter {
    private let db: Database
    /// How event texts are stored.
    private let texts: EventTexts
    private let insertEvent: Statement
    private let insertUser: Statement
    private let upsertUser: Statement
    private let upsertItem: Statement
    private let insertBare: Statement
    /// Every item id, read once a transaction has looked up `itemsLookedUpAlone` items one by one.
    private var knownItems: Set<String>?
    private var itemLookUps = 0
    private var knownUsers: Set<String>?
    private(set) var usersCreated = 0
    /// Items looked up one by one (a key look-up each) before every item id is read at once: a request's
    /// few items cost their own look-ups, not a read of the catalog; an import reads it once.
    static let itemsLookedUpAlone = 1024
    /// The user of the previous event: logs are often grouped by user, which spares a set look-up.
    private var lastUserID: String?
    /// Events inserted in one transaction after which the item index is dropped, to be built again by
    /// `finish()`: a large import then sorts the index once instead of inserting into it at random. Past
    /// the page cache a random insert rewrites a page per event: an import of 10⁸ events had written 130 GB
    /// after 30 minutes and was stopped; at 10⁷ events the rebuild takes 15% less CPU.
    static let eventsBeforeIndexRebuild = 1_000_000
    private let eventsBeforeIndexRebuild: Int
    private var insertedEvents = 0
    private(set) var itemIndexDropped = false
    /// The new events of each type, added to `event_counts` by `finish()`.
    private var counted: [EventType: EventCount] = [:]

    init(_ db: Database, texts: EventTexts, eventsBeforeIndexRebuild: Int) throws {
        self.db = db
        self.texts = texts
        self.eventsBeforeIndexRebuild = eventsBeforeIndexRebuild
        insertEvent = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO events(user_id, item_id, type, timestamp, value, text) VALUES (?, ?, ?, ?, ?, ?)
                """)
        insertUser = try db.cachedStatement(sql: "INSERT OR IGNORE INTO users(id) VALUES (?)")
        upsertUser = try db.cachedStatement(
            sql: """
                INSERT INTO users(id, attributes) VALUES (?, ?)
                ON CONFLICT(id) DO UPDATE SET attributes = excluded.attributes
                WHERE attributes IS NOT excluded.attributes
                """)
        upsertItem = try db.cachedStatement(
            sql: """
                INSERT INTO items(id, title, description, categories, attributes) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    title = excluded.title, description = excluded.description, categories = excluded.categories,
                    attributes = excluded.attributes
                WHERE title IS NOT excluded.title OR description IS NOT excluded.description
                    OR categories IS NOT excluded.categories OR attributes IS NOT excluded.attributes
                """)
        insertBare = try db.cachedStatement(sql: "INSERT OR IGNORE INTO items(id) VALUES (?)")
    }

    func insert(_ event: Event) throws -> Bool {
        // A small batch asks SQLite (a key look-up) rather than reading every user id first.
        if event.userID != lastUserID, knownUsers?.contains(event.userID) != true {
            let s = insertUser.sqliteStatement
            bind(s, 1, event.userID)
            if try step(s) { usersCreated += 1 }
            knownUsers?.insert(event.userID)
        }
        lastUserID = event.userID
        let s = insertEvent.sqliteStatement
        bind(s, 1, event.userID)
        bind(s, 2, event.itemID)
        bind(s, 3, event.type.rawValue)
        sqlite3_bind_int64(s, 4, event.timestamp)
        if let value = event.value { sqlite3_bind_double(s, 5, value) } else { sqlite3_bind_null(s, 5) }
        bind(s, 6, texts.column(event.text))
        guard try step(s) else { return false }
        insertedEvents += 1
        counted[event.type, default: EventCount()].add(event.timestamp)
        if insertedEvents == eventsBeforeIndexRebuild {
            try db.execute(sql: "DROP INDEX IF EXISTS events_by_item")
            itemIndexDropped = true
        }
        return true
    }

    /// Completes the transaction's writes before its commit: adds the new events to `event_counts`, and
    /// builds the item index again when a large import dropped it (see `eventsBeforeIndexRebuild`).
    func finish() throws {
        for (type, new) in counted {
            try db.execute(
                sql: """
                    INSERT INTO event_counts(type, count, first, last) VALUES (?, ?, ?, ?)
                    ON CONFLICT(type) DO UPDATE SET
                        count = count + excluded.count, first = min(first, excluded.first), last = max(last, excluded.last)
                    """, arguments: [type.rawValue, new.count, new.first, new.last])
        }
        counted = [:]
        guard itemIndexDropped else { return }
        // The sort spills to temporary files instead of memory (the connections' temp_store): at 10⁷ events
        // it then peaks at 270 MB instead of 770 MB, and runs faster.
        try db.execute(sql: "PRAGMA temp_store = FILE")
        defer { try? db.execute(sql: "PRAGMA temp_store = MEMORY") }
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS events_by_item ON events(item_id, timestamp)")
        itemIndexDropped = false
    }

    func upsert(_ item: Item) throws -> UpsertOutcome {
        let existed = try containsItem(item.id)
        let s = upsertItem.sqliteStatement
        bind(s, 1, item.id)
        bind(s, 2, item.title)
        bind(s, 3, item.description)
        bind(s, 4, StoredForm.categories(item.categories))
        bind(s, 5, StoredForm.attributesJSON(item.attributes))
        let changed = try step(s)
        knownItems?.insert(item.id)
        return existed ? (changed ? .updated : .unchanged) : .inserted
    }

    func upsert(_ user: User) throws -> UpsertOutcome {
        let existed = try userIDs().contains(user.id)
        let s = upsertUser.sqliteStatement
        bind(s, 1, user.id)
        bind(s, 2, StoredForm.attributesJSON(user.attributes))
        let changed = try step(s)
        knownUsers!.insert(user.id)
        return existed ? (changed ? .updated : .unchanged) : .inserted
    }

    func insertBareItem(id: String) throws -> Bool {
        guard try !containsItem(id) else { return false }
        let s = insertBare.sqliteStatement
        bind(s, 1, id)
        knownItems?.insert(id)
        return try step(s)
    }

    func containsItem(_ id: String) throws -> Bool {
        if knownItems == nil, itemLookUps < Self.itemsLookedUpAlone {
            itemLookUps += 1
            return try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM items WHERE id = ?)"), arguments: [id])!
        }
        if knownItems == nil { knownItems = Set(try String.fetchAll(db, sql: "SELECT id FROM items")) }
        return knownItems!.contains(id)
    }

    private func userIDs() throws -> Set<String> {
        if let knownUsers { return knownUsers }
        let ids = Set(try String.fetchAll(db, sql: "SELECT id FROM users"))
        knownUsers = ids
        return ids
    }

    /// Runs a bound statement once; `true` when it changed a row.
    private func step(_ s: OpaquePointer) throws -> Bool {
        let rc = sqlite3_step(s)
        sqlite3_reset(s)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: rc),
                message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        return sqlite3_changes(db.sqliteConnection) > 0
    }

    private func bind(_ s: OpaquePointer, _ index: Int32, _ text: String) {
        text.withCString { _ = sqlite3_bind_text(s, index, $0, -1, transient) }
    }
}

/// How many events of one type, and their first and last times.
private struct EventCount {
    var count = 0
    var first = Int64.max
    var last = Int64.min

    mutating func add(_ timestamp: Int64) {
        count += 1
        first = min(first, timestamp)
        last = max(last, timestamp)
    }
}

/// SQLite's SQLITE_TRANSIENT: the library copies the bound bytes before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

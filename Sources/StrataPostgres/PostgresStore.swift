import Foundation
import PostgresNIO
import StrataCore
import StrataMath
import StrataPrivacy
import StrataStore

/// The shared store: one PostgreSQL database that several `strata` processes read and write at once,
/// migrated to the current schema when opened.
///
/// The `Store` API is synchronous; each call borrows a connection and blocks its thread until
/// postgres-nio answers (`PostgresConnections.Lease.run`), so call it off NIO's event loops, as the server
/// does.
/// Bulk writes go through `COPY` (`PostgresWriter`).
public final class PostgresStore: SharedStore {
    let connections: PostgresConnections
    /// Names this store's notifications, so it ignores its own (`PostgresEventFeed`).
    let origin = UUID().uuidString

    /// How event texts are stored (see `EventTexts.check` for tying the database to a key).
    let texts: EventTexts

    /// Where the store lives, for messages (no password).
    public var location: PostgresLocation { connections.location }

    /// Connects to the database at `url` (`postgres://user:password@host:port/database`) and migrates it.
    public init(url: String, texts: EventTexts = .clear) throws {
        self.texts = texts
        connections = PostgresConnections(location: try PostgresLocation(url: url))
        try connections.withConnection { try PostgresSchema.migrate($0) }
    }

    public func follow(_ handler: @escaping @Sendable (SharedChange) -> Void) async {
        await PostgresEventFeed.follow(location, origin: origin, logger: connections.logger, handler: handler)
    }

    public func isReachable() -> Bool {
        (try? connections.rows("SELECT 1")) != nil
    }

    public func stats() throws -> StoreStats {
        var byType: [String: Int] = [:]
        for row in try connections.rows("SELECT type, count(*) FROM events GROUP BY type") {
            let (type, count) = try row.decode((String, Int).self)
            byType[type] = count
        }
        let counts = try connections.rows(
            """
            SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM items), min(timestamp), max(timestamp) FROM events
            """)
        let (users, items, first, last) = try counts[0].decode((Int, Int, Int64?, Int64?).self)
        return StoreStats(
            users: users, items: items, events: byType.values.reduce(0, +), eventsByType: byType,
            firstEvent: first, lastEvent: last)
    }

    public func items() throws -> [Item] {
        try connections.rows("SELECT \(unescaped: Self.itemColumns) FROM items ORDER BY id").map(Self.item)
    }

    public func item(id: String) throws -> Item? {
        try connections.rows("SELECT \(unescaped: Self.itemColumns) FROM items WHERE id = \(id)").first.map(Self.item)
    }

    public func users() throws -> [User] {
        try connections.rows("SELECT id, attributes FROM users ORDER BY id").map(Self.user)
    }

    public func user(id: String) throws -> User? {
        try connections.rows("SELECT id, attributes FROM users WHERE id = \(id)").first.map(Self.user)
    }

    public func events(ofUser userID: String) throws -> [Event] {
        try connections.rows(
            """
            SELECT \(unescaped: Self.eventColumns) FROM events WHERE user_id = \(userID) ORDER BY timestamp, item_id, type
            """
        ).map { try Self.event($0, texts: texts) }
    }

    public func events(ofItem itemID: String) throws -> [Event] {
        try connections.rows(
            """
            SELECT \(unescaped: Self.eventColumns) FROM events WHERE item_id = \(itemID) ORDER BY timestamp, user_id, type
            """
        ).map { try Self.event($0, texts: texts) }
    }

    /// Reads through a cursor, a page of rows at a time, in one read-only transaction (one snapshot).
    public func forEachEvent(_ body: (Event) throws -> Void) throws {
        try connections.withConnection { lease in
            try lease.transaction {
                try lease.execute(
                    """
                    DECLARE every_event NO SCROLL CURSOR FOR
                    SELECT \(unescaped: Self.eventColumns) FROM events ORDER BY user_id, timestamp, item_id, type, text
                    """)
                while true {
                    let page = try lease.rows("FETCH FORWARD 20000 FROM every_event")
                    for row in page { try body(try Self.event(row, texts: texts)) }
                    if page.isEmpty { break }
                }
            }
        }
    }

    /// Before the commit, announces the users with new events to the other processes (`follow`).
    public func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try connections.withConnection { lease in
            try lease.transaction {
                let writer = try PostgresWriter(lease, texts: texts)
                let result = try body(writer)
                try writer.flush()
                for payload in PostgresEventFeed.payloads(origin: origin, users: writer.usersWithNewEvents.sorted()) {
                    try lease.execute("SELECT pg_notify(\(PostgresEventFeed.channel), \(payload))")
                }
                return result
            }
        }
    }

    static let itemColumns = "id, title, description, categories, attributes"

    static func item(_ row: PostgresRow) throws -> Item {
        let (id, title, description, categories, attributes) = try row.decode(
            (String, String, String, String, String).self)
        return Item(
            id: id, title: title, description: description, categories: StoredForm.categories(fromColumn: categories),
            attributes: StoredForm.attributes(fromJSON: attributes))
    }

    static func user(_ row: PostgresRow) throws -> User {
        let (id, attributes) = try row.decode((String, String).self)
        return User(id: id, attributes: StoredForm.attributes(fromJSON: attributes))
    }

    /// The columns `event(_:)` reads, in its order.
    static let eventColumns = "user_id, item_id, type, timestamp, value, text"

    static func event(_ row: PostgresRow, texts: EventTexts) throws -> Event {
        let (user, item, type, timestamp, value, text) = try row.decode(
            (String, String, String, Int64, Double?, String).self)
        return Event(
            userID: user, itemID: item, type: EventType(rawValue: type) ?? .view, timestamp: timestamp, value: value,
            text: try texts.text(fromColumn: text))
    }
}

import PostgresNIO
import StrataCore
import StrataPrivacy
import StrataStore

/// Writes inside one open PostgreSQL transaction, buffered: rows are collected here and sent with
/// `COPY` (`flush`, when a buffer is full and before the commit), so an import costs a few round trips,
/// not one per row.
///
/// Whether an event is new is decided here, from the keys of its user's stored events (read once per
/// user per transaction) and those written before in the transaction; the first event written takes an
/// advisory lock that makes event-writing transactions of all processes take turns, so two of them never
/// both count the same event as new.
final class PostgresWriter: StoreWriter {
    private let lease: PostgresConnections.Lease
    /// The stored catalog, read once a transaction has looked up `itemsLookedUpAlone` items one by one.
    private var catalog: [String: Item]?
    private var itemLookUps = 0
    /// The stored users' attributes (JSON), read on the first user upserted, or once many users' events
    /// were written (then users missing here need no look-up of their events).
    private var storedUsers: [String: String]?
    private var stagedItems: [String: Item] = [:]
    private var stagedUsers: [String: String] = [:]
    private var createdUsers: [String] = []
    private var events = CopyRows()
    /// Per user written to: the keys of their stored events and those written in this transaction.
    private var eventKeys: [String: Set<EventKey>] = [:]
    private var holdsEventLock = false
    private(set) var usersCreated = 0
    /// The users whose new events this transaction stores.
    private(set) var usersWithNewEvents = Set<String>()

    /// Rows buffered before they are sent.
    static let batchSize = 50_000
    /// Users whose events are looked up one by one before every stored user id is read at once.
    static let usersLookedUpAlone = 64
    /// Items looked up one by one before the whole catalog is read at once: a request's few items cost
    /// their own look-ups, not a read of the catalog; an import reads it once.
    static let itemsLookedUpAlone = 1024

    /// How event texts are stored.
    private let texts: EventTexts

    init(_ lease: PostgresConnections.Lease, texts: EventTexts) throws {
        self.lease = lease
        self.texts = texts
    }

    /// What makes an event unique within its user's.
    private struct EventKey: Hashable {
        let timestamp: Int64
        let item: String
        let type: String
        let text: String
    }

    func insert(_ event: Event) throws -> Bool {
        if !holdsEventLock {
            try lease.execute("SELECT pg_advisory_xact_lock(\(PostgresLocks.namespace), \(PostgresLocks.events))")
            holdsEventLock = true
            // Users read before the lock may have gained events since, from another transaction.
            if storedUsers != nil { try readUsers() }
        }
        let key = EventKey(
            timestamp: event.timestamp, item: event.itemID, type: event.type.rawValue,
            text: texts.column(event.text))
        if eventKeys[event.userID] == nil {
            eventKeys[event.userID] = try storedEventKeys(of: event.userID)
        }
        guard eventKeys[event.userID]!.insert(key).inserted else { return false }
        usersWithNewEvents.insert(event.userID)
        events.text(event.userID)
        events.integer(event.timestamp)
        events.text(event.itemID)
        events.text(key.type)
        events.text(key.text)
        events.double(event.value)
        events.endRow()
        if events.count >= Self.batchSize { try flush() }
        return true
    }

    /// The keys of `user`'s stored events; creates the user (staged) when not stored.
    private func storedEventKeys(of user: String) throws -> Set<EventKey> {
        if storedUsers == nil, eventKeys.count >= Self.usersLookedUpAlone { try readUsers() }
        var exists = stagedUsers[user] != nil
        var keys = Set<EventKey>()
        if storedUsers == nil || storedUsers?[user] != nil {
            let rows = try lease.rows(
                """
                SELECT e.timestamp, e.item_id, e.type, e.text FROM users u LEFT JOIN events e ON e.user_id = u.id WHERE u.id = \(user)
                """)
            exists = exists || !rows.isEmpty
            for row in rows {
                let (timestamp, item, type, text) = try row.decode((Int64?, String?, String?, String?).self)
                if let timestamp, let item, let type, let text {
                    keys.insert(EventKey(timestamp: timestamp, item: item, type: type, text: text))
                }
            }
        }
        if !exists {
            createdUsers.append(user)
            storedUsers?[user] = "{}"
            usersCreated += 1
        }
        return keys
    }

    func upsert(_ item: Item) throws -> UpsertOutcome {
        let previous = try stagedItems[item.id] ?? storedItem(item.id)
        guard previous != item else { return .unchanged }
        stagedItems[item.id] = item
        if stagedItems.count >= Self.batchSize { try flush() }
        return previous == nil ? .inserted : .updated
    }

    func upsert(_ user: User) throws -> UpsertOutcome {
        if storedUsers == nil { try readUsers() }
        let attributes = StoredForm.attributesJSON(user.attributes)
        let previous = stagedUsers[user.id] ?? storedUsers![user.id]
        guard previous != attributes else { return .unchanged }
        stagedUsers[user.id] = attributes
        if stagedUsers.count >= Self.batchSize { try flush() }
        return previous == nil ? .inserted : .updated
    }

    func insertBareItem(id: String) throws -> Bool {
        guard try !containsItem(id) else { return false }
        stagedItems[id] = Item(id: id, title: "")
        return true
    }

    func containsItem(_ id: String) throws -> Bool {
        try stagedItems[id] != nil || storedItem(id) != nil
    }

    /// Sends every buffered row: items and users before the events that name them.
    func flush() throws {
        var items = CopyRows()
        for item in stagedItems.values {
            items.text(item.id)
            items.text(item.title)
            items.text(item.description)
            items.text(StoredForm.categories(item.categories))
            items.text(StoredForm.attributesJSON(item.attributes))
            items.endRow()
        }
        try lease.upsert(
            into: "items", columns: ["id", "title", "description", "categories", "attributes"], key: ["id"],
            rows: items, conflict: .replaceChanged)
        for item in stagedItems.values { catalog?[item.id] = item }
        stagedItems.removeAll()

        var users = CopyRows()
        for (id, attributes) in stagedUsers {
            users.text(id)
            users.text(attributes)
            users.endRow()
        }
        try lease.upsert(
            into: "users", columns: ["id", "attributes"], key: ["id"], rows: users, conflict: .replaceChanged)
        for (id, attributes) in stagedUsers { storedUsers?[id] = attributes }
        stagedUsers.removeAll()
        var created = CopyRows()
        for id in createdUsers {
            created.text(id)
            created.endRow()
        }
        try lease.upsert(into: "users", columns: ["id"], key: ["id"], rows: created, conflict: .keep)
        createdUsers.removeAll()

        // Straight into the table, without staging: every buffered event is new (its key was not among
        // its user's stored ones, read under the event lock that every event-writing transaction takes).
        try lease.copy(events, into: "events", columns: ["user_id", "timestamp", "item_id", "type", "text", "value"])
        events = CopyRows()
    }

    /// The stored item `id` (callers look at the staged items first; flushed ones are in the table this
    /// transaction reads).
    private func storedItem(_ id: String) throws -> Item? {
        if catalog == nil, itemLookUps < Self.itemsLookedUpAlone {
            itemLookUps += 1
            return try lease.rows("SELECT \(unescaped: PostgresStore.itemColumns) FROM items WHERE id = \(id)").first
                .map(PostgresStore.item)
        }
        return try stored()[id]
    }

    private func stored() throws -> [String: Item] {
        if let catalog { return catalog }
        let rows = try lease.rows("SELECT \(unescaped: PostgresStore.itemColumns) FROM items")
        let items = Dictionary(
            try rows.map { row in
                let item = try PostgresStore.item(row)
                return (item.id, item)
            }
        ) { $1 }
        catalog = items
        return items
    }

    private func readUsers() throws {
        var users: [String: String] = [:]
        for row in try lease.rows("SELECT id, attributes FROM users") {
            let (id, attributes) = try row.decode((String, String).self)
            users[id] = attributes
        }
        for id in createdUsers { users[id] = "{}" }
        storedUsers = users
    }
}

import Foundation
import GRDB
import StrataCore
import StrataTestSupport
import Testing

@testable import StrataSQLite
@testable import StrataStore

/// A SQLite store's stats come from the event counts every write and deletion keeps, not from a pass over
/// the events: they must equal what the events left in the store say, counted here by hand.
@Suite struct EventCountsTests {
    /// The stats of `events`, counted in Swift.
    static func expected(_ events: [Event], users: Int, items: Int) -> StoreStats {
        let byType = Dictionary(events.map { ($0.type.rawValue, 1) }, uniquingKeysWith: +)
        return StoreStats(
            users: users, items: items, events: events.count, eventsByType: byType,
            firstEvent: events.map(\.timestamp).min(), lastEvent: events.map(\.timestamp).max())
    }

    static func event(_ user: String, _ item: String, _ type: EventType, _ time: Int64) -> Event {
        Event(userID: user, itemID: item, type: type, timestamp: time)
    }

    @Test func writesAndDeletionsKeepTheCounts() throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("s.sqlite").path)
        let first = [
            Self.event("a", "i1", .view, 100), Self.event("a", "i1", .cart, 110), Self.event("b", "i2", .view, 50),
            Self.event("b", "i2", .view, 50)  // the same event twice: stored and counted once
        ]
        let second = [
            Self.event("c", "i1", .view, 900), Self.event("c", "i3", .purchase, 950), Self.event("a", "i2", .view, 300)
        ]
        try store.write { writer in
            for item in ["i1", "i2", "i3"] { try writer.insertBareItem(id: item) }
            for event in first { try writer.insert(event) }
        }
        try store.write { writer in for event in second { try writer.insert(event) } }
        var stored = Array(first.dropLast()) + second
        #expect(try store.stats() == Self.expected(stored, users: 3, items: 3))
        #expect(try store.stats().eventsByType == ["view": 4, "cart": 1, "purchase": 1])

        // c held the last view and the only purchase; b the first view.
        #expect(try store.deleteUser("c"))
        stored.removeAll { $0.userID == "c" }
        #expect(try store.stats() == Self.expected(stored, users: 2, items: 3))
        #expect(try store.deleteUser("b"))
        stored.removeAll { $0.userID == "b" }
        #expect(try store.stats() == Self.expected(stored, users: 1, items: 3))
        #expect(try store.stats().firstEvent == 100 && store.stats().lastEvent == 300)
        #expect(try store.deleteUser("a"))
        #expect(try store.stats() == Self.expected([], users: 0, items: 3))

        // A write that fails counts nothing.
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.write { writer in
                try writer.insert(Self.event("d", "i1", .view, 1))
                throw Stop()
            }
        }
        #expect(try store.stats().events == 0)
    }

    /// A store made before the counts existed gets them counted once when it is opened.
    @Test func anOlderStoreIsCountedWhenOpened() throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        let events = [
            Self.event("a", "i1", .view, 20), Self.event("a", "i2", .like, 10), Self.event("b", "i1", .view, 30)
        ]
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v3: segments")
            try queue.write { db in
                for event in events {
                    try db.execute(
                        sql: "INSERT INTO events(user_id, item_id, type, timestamp) VALUES (?, ?, ?, ?)",
                        arguments: [event.userID, event.itemID, event.type.rawValue, event.timestamp])
                }
                try db.execute(sql: "INSERT INTO users(id) VALUES ('a'), ('b')")
                try db.execute(sql: "INSERT INTO items(id) VALUES ('i1'), ('i2')")
            }
        }
        let store = try SQLiteStore(path: path)
        #expect(try store.stats() == Self.expected(events, users: 2, items: 2))
    }
}

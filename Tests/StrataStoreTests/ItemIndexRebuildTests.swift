import Foundation
import GRDB
import StrataCore
import StrataTestSupport
import Testing

@testable import StrataSQLite

/// A large write drops the events' item index and builds it again before its commit: afterwards the index
/// is there and serves an item's events as before; a write that fails leaves index and events as they were.
@Suite struct ItemIndexRebuildTests {
    static func events(_ range: Range<Int>) -> [Event] {
        range.map { Event(userID: "u\($0 % 7)", itemID: "i\($0 % 11)", type: .view, timestamp: Int64($0)) }
    }

    static func indexes(_ store: SQLiteStore) throws -> [String] {
        try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")
        }
    }

    @Test func aLargeWriteRebuildsTheItemIndexAndAFailedOneKeepsIt() throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(
            path: folder.appendingPathComponent("s.sqlite").path, texts: .clear, eventsBeforeIndexRebuild: 50)
        try store.write { writer in
            let sqlite = try #require(writer as? SQLiteWriter)
            for (k, event) in Self.events(0 ..< 200).enumerated() {
                try writer.insert(event)
                #expect(sqlite.itemIndexDropped == (k >= 49))
            }
        }
        #expect(try Self.indexes(store) == ["events_by_item"])
        let plan = try store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM events WHERE item_id = 'i3'").map {
                $0["detail"] as String
            }
        }
        #expect(plan.contains { $0.contains("events_by_item") }, "\(plan)")
        // i3's events are those written at 3, 14, 25, …: in time order.
        let written = Self.events(0 ..< 200).filter { $0.itemID == "i3" }
        #expect(written.count == 18)
        #expect(try store.events(ofItem: "i3") == written)

        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.write { writer in
                for event in Self.events(200 ..< 300) { try writer.insert(event) }
                throw Stop()
            }
        }
        #expect(try Self.indexes(store) == ["events_by_item"])
        #expect(try store.stats().events == 200)
        #expect(try store.events(ofItem: "i3") == written)
    }
}

import Foundation
import StrataCore
import StrataPostgres
import StrataTestSupport
import Testing

/// A PostgreSQL store whose server goes away and comes back: clear errors meanwhile, then it reconnects
/// by itself. On a server of its own, so other tests keep theirs.
@Suite struct PostgresFaultTests {
    @Test func unreachableWhileStoppedThenReconnectsByItself() throws {
        let server = try TestPostgres.dedicated()
        let store = try PostgresStore(url: try server.freshDatabase())
        let event = { (n: Int64) in Event(userID: "u", itemID: "a", type: .view, timestamp: n) }
        try store.write { writer throws in
            try writer.upsert(Item(id: "a", title: "A"))
            #expect(try writer.insert(event(1)))
        }
        #expect(store.isReachable())

        try server.stop()
        #expect(!store.isReachable())
        let error = try #require(throws: PostgresStoreError.self) { try store.write { try $0.insert(event(2)) } }
        #expect(error.kind == .unavailable)
        #expect(error.description.contains("127.0.0.1:\(server.port)"), "\(error)")

        try server.start()
        #expect(store.isReachable())
        try store.write { writer throws in #expect(try writer.insert(event(2))) }
        #expect(try store.stats().events == 2)
    }
}

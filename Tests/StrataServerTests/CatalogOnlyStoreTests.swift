import Foundation
import StrataImport
import StrataSQLite
import StrataTestSupport
import Testing

/// A first deployment: the server starts on a store that holds only the catalog, and segments and
/// recommends as the first events arrive.
@Suite struct CatalogOnlyStoreTests {
    @Test func theServerStartsWithoutEventsAndServesTheFirstUsers() async throws {
        let database = try RepositoryPaths.temporaryFolder().appendingPathComponent("catalog.sqlite")
        do {
            let store = try SQLiteStore(path: database.path)
            _ = try Importer.importItems(
                from: RepositoryPaths.root.appendingPathComponent("sample/items.csv"), into: store)
        }
        try await RunningServer(database: database).serving { server async throws in
            let empty = try await server.request(.GET, "/v1/segments").json
            #expect((empty["segments"] as? [Any])?.isEmpty == true && empty["users"] as? Int == 0)

            let events: [[String: Any]] = [
                ["user_id": "a", "item_id": "i001", "event": "view"],
                ["user_id": "a", "item_id": "i002", "event": "purchase"],
                ["user_id": "b", "item_id": "i100", "event": "view"],
                ["user_id": "c", "item_id": "i200", "event": "view"],
                ["user_id": "d", "item_id": "i300", "event": "like"]
            ]
            #expect(
                try await server.request(.POST, "/v1/events", body: ["events": events], key: RunningServer.key).status
                    == 200)
            let items =
                try await server.request(.GET, "/v1/users/a/recommendations?k=3").json["items"] as? [[String: Any]]
                ?? []
            #expect(items.count == 3)
            #expect(items.allSatisfy { !["i001", "i002"].contains($0["item_id"] as? String ?? "") })
            #expect(
                items.allSatisfy {
                    (($0["reason"] as? [String: Any])?["evidence"] as? [String: Any])?["item_id"] as? String != nil
                })

            // Four users with a deep layer: the background task (every 50 ms) fits the first segments.
            let users = try await eventually {
                let users = try await server.request(.GET, "/v1/segments").json["users"] as? Int ?? 0
                return users == 0 ? nil : users
            }
            #expect(users == 4)
        }
    }
}

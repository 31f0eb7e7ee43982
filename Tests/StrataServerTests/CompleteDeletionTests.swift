import Foundation
import StrataTestSupport
import Testing

/// `DELETE /v1/users/{id}` leaves no byte of the user in the database's folder, while the server runs
/// and after it stopped and stored its segments.
@Suite struct CompleteDeletionTests {
    @Test func aDeletedUserLeavesNoTraceInAnyFile() async throws {
        let server = try await RunningServer()
        let folder = server.database.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let user = "forget-me-8d41e0b7"
        let review = "zebracorn glimmerfen quasarwick"
        let events: [[String: Any]] = [
            ["user_id": user, "item_id": "i001", "event": "purchase", "timestamp": 1_706_000_000],
            ["user_id": user, "item_id": "i002", "event": "review", "timestamp": 1_706_000_100, "text": review],
            ["user_id": user, "item_id": "i003", "event": "view", "timestamp": 1_706_000_200]
        ]
        #expect(
            try await server.request(.POST, "/v1/events", body: ["events": events], key: RunningServer.key).status
                == 200)
        #expect(try await server.request(.GET, "/v1/users/\(user)/profile").text.contains("zebracorn"))
        #expect(try !FileScan.files(under: folder, containing: user).isEmpty, "the scan can find the user")
        #expect(try !FileScan.files(under: folder, containing: review).isEmpty, "the scan can find the review")

        #expect(try await server.request(.DELETE, "/v1/users/\(user)", key: RunningServer.key).status == 200)
        #expect(try FileScan.files(under: folder, containing: user) == [])
        #expect(try FileScan.files(under: folder, containing: "zebracorn") == [])
        #expect(try await server.request(.GET, "/v1/users/\(user)/profile").status == 404)

        await server.stop(removingFiles: false)
        #expect(try FileScan.files(under: folder, containing: user) == [])
        #expect(try FileScan.files(under: folder, containing: "zebracorn") == [])
    }
}

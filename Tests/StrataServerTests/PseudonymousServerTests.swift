import Foundation
import StrataPrivacy
import StrataTestSupport
import Testing

/// With pseudonymous ids the API takes raw ids, answers with pseudonyms and writes no raw id to disk.
@Suite struct PseudonymousServerTests {
    @Test func theAPIMapsRawIDsAndStoresOnlyPseudonyms() async throws {
        let ids = try UserIDs(pseudonymKey: Data("a-pseudonym-key-of-32-bytes-0000".utf8))
        let server = try await RunningServer(userIDs: ids)
        let folder = server.database.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let raw = "carol-6e0d3b95"
        let pseudonym = ids.stored(raw)
        let events: [[String: Any]] = [
            ["user_id": raw, "item_id": "i001", "event": "purchase", "timestamp": 1_706_000_000],
            ["user_id": raw, "item_id": "i002", "event": "like", "timestamp": 1_706_000_100]
        ]
        #expect(
            try await server.request(.POST, "/v1/events", body: ["events": events], key: RunningServer.key).status
                == 200)
        let profile = try await server.request(.GET, "/v1/users/\(raw)/profile")
        #expect(profile.status == 200 && profile.json["user"] as? String == pseudonym)
        #expect(
            try await server.request(.GET, "/v1/users/\(raw)/recommendations?k=3").json["user"] as? String == pseudonym)
        #expect(
            try await server.request(.GET, "/v1/users/\(pseudonym)/profile").status == 404, "a pseudonym is not an id")
        #expect(try !FileScan.files(under: folder, containing: pseudonym).isEmpty, "the scan finds what is stored")
        #expect(try FileScan.files(under: folder, containing: raw) == [])

        #expect(try await server.request(.DELETE, "/v1/users/\(raw)", key: RunningServer.key).status == 200)
        #expect(try FileScan.files(under: folder, containing: pseudonym) == [])
        await server.stop(removingFiles: false)
        #expect(try FileScan.files(under: folder, containing: raw) == [])
    }
}

import Foundation
import NIOHTTP1
import StrataPipeline
import StrataServer
import Testing

/// Scoped API keys, per-key rate limits, CORS and the dashboard's security headers, over a real server.
@Suite struct AccessTests {
    static let reader = "reader-key-0123456789", writer = "writer-key-0123456789", admin = "admin-key-0123456789"

    @Test func eachRouteGroupNeedsItsScope() async throws {
        let keys = APIKeys(scoped: [(Self.reader, .read), (Self.writer, .write), (Self.admin, .admin)])
        try await RunningServer(keys: keys, readsNeedKey: true).serving { server async throws in
            let event = ["events": [["user_id": "u1824", "item_id": "i001", "event": "view"]]]
            #expect(try await server.request(.GET, "/v1/users/u1824/profile").status == 401)
            #expect(try await server.request(.GET, "/v1/users/u1824/profile", key: Self.reader).status == 200)
            #expect(
                try await server.request(.GET, "/v1/topics", headers: [("Authorization", "Bearer \(Self.writer)")])
                    .status
                    == 200)
            let narrow = try await server.request(.POST, "/v1/events", body: event, key: Self.reader)
            #expect(
                narrow.status == 403
                    && narrow.errorMessage == "the API key has the 'read' scope; this request needs 'write'")
            #expect(try await server.request(.POST, "/v1/events", body: event, key: Self.writer).status == 200)
            #expect(try await server.request(.DELETE, "/v1/users/u1824", key: Self.writer).status == 403)
            #expect(try await server.request(.DELETE, "/v1/users/u1824", key: Self.admin).status == 200)
            #expect(try await server.request(.GET, "/v1/users/u1824/profile", key: Self.admin).status == 404)

            let page = try await server.request(.GET, "/")
            #expect(page.status == 200 && page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let policy = page.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'self'"), "\(policy)")
            let origin = [("Origin", "https://elsewhere.example")]
            #expect(
                try await server.request(.GET, "/v1/topics", key: Self.reader, headers: origin)
                    .headers.first(name: "Access-Control-Allow-Origin") == nil, "no CORS unless configured")
        }
    }

    /// A credential that is present but not a valid key is refused with 401, never passed over for the
    /// other header (schemathesis's ST401: a generated `Authorization` beside a right `X-API-Key` got 200).
    @Test func aWrongCredentialIsRefusedEvenBesideARightOne() async throws {
        let keys = APIKeys(scoped: [(Self.writer, .write), (Self.admin, .admin)])
        try await RunningServer(keys: keys).serving { server async throws in
            let event = ["events": [["user_id": "u1824", "item_id": "i001", "event": "view"]]]
            let wrong = "wrong-key-0123456789"
            let refused: [(headers: [(String, String)], message: String)] = [
                ([("Authorization", "Bearer \(wrong)"), ("X-API-Key", Self.writer)], "different keys"),
                ([("Authorization", "Bearer \(Self.writer)"), ("X-API-Key", wrong)], "different keys"),
                ([("Authorization", "Bearer \(Self.writer)"), ("X-API-Key", Self.admin)], "different keys"),
                ([("Authorization", "Basic \(Self.writer)"), ("X-API-Key", Self.writer)], "must be 'Bearer KEY'"),
                ([("Authorization", "Bearer"), ("X-API-Key", Self.writer)], "must be 'Bearer KEY'"),
                ([("Authorization", Self.writer)], "must be 'Bearer KEY'"),
                ([("Authorization", "Bearer \(Self.writer)"), ("X-API-Key", "")], "X-API-Key header is empty"),
                ([("Authorization", "Bearer \(wrong)")], "the API key is not valid"),
                ([("X-API-Key", wrong)], "the API key is not valid"),
                ([], "needs an API key")
            ]
            for (headers, message) in refused {
                for (method, path) in [(HTTPMethod.POST, "/v1/events"), (.PUT, "/v1/items")] {
                    let answer = try await server.request(method, path, body: event, headers: headers)
                    #expect(answer.status == 401, "\(method) \(path) \(headers): \(answer.status) \(answer.text)")
                    #expect(answer.errorMessage?.contains(message) == true, "\(headers): \(answer.text)")
                    #expect(answer.headers.first(name: "WWW-Authenticate") == "Bearer realm=\"strata\"")
                }
            }
            // Open reads take no key, but a wrong one is still refused.
            #expect(try await server.request(.GET, "/v1/topics").status == 200)
            #expect(try await server.request(.GET, "/v1/topics", key: wrong).status == 401)
            let accepted: [[(String, String)]] = [
                [("Authorization", "Bearer \(Self.writer)")], [("authorization", "bearer \(Self.writer)")],
                [("X-API-Key", Self.writer)], [("Authorization", "Bearer \(Self.writer)"), ("X-API-Key", Self.writer)]
            ]
            for headers in accepted {
                let answer = try await server.request(.POST, "/v1/events", body: event, headers: headers)
                #expect(answer.status == 200, "\(headers): \(answer.status) \(answer.text)")
            }
        }
    }

    @Test func aKeyPastItsRateGets429WithRetryAfterAndOthersDoNot() async throws {
        let other = "other-key-0123456789"
        try await RunningServer(
            keys: APIKeys([RunningServer.key, other]), rateLimit: 1,
            corsOrigin: "https://shop.example"
        ).serving { server async throws in
            // A bucket of one token refilled once a second: of 20 requests sent at once, at most one per
            // elapsed second passes.
            let answers = try await withThrowingTaskGroup(of: RunningServer.Answer.self) { group in
                for _ in 0 ..< 20 {
                    group.addTask { try await server.request(.GET, "/v1/topics", key: RunningServer.key) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.contains { $0.status == 200 })
            let refused = try #require(answers.first { $0.status == 429 })
            #expect(Int(refused.headers.first(name: "Retry-After") ?? "") ?? 0 >= 1)
            #expect(refused.errorMessage?.contains("rate limit of 1 requests per second") == true)
            #expect(Set(answers.map(\.status)).isSubset(of: [200, 429]))
            #expect(
                try await server.request(.GET, "/v1/topics", key: other).status == 200, "another key has its own bucket"
            )
            #expect(
                try await server.request(.GET, "/v1/topics").status == 200, "open reads without a key are not limited")

            let cors = try await server.request(.GET, "/v1/topics", headers: [("Origin", "https://shop.example")])
            #expect(cors.headers.first(name: "Access-Control-Allow-Origin") == "https://shop.example")
        }
    }
}

/// Segment sizes under `--min-group-size` are not published by the API or the dashboard.
@Suite struct SuppressionTests {
    @Test func smallSegmentsShowNoSizeOrMembers() async throws {
        try await RunningServer(disclosure: Disclosure(minimumGroupSize: 1_000_000)).serving { server async throws in
            let list = try await server.request(.GET, "/v1/segments").json
            let segments = try #require(list["segments"] as? [[String: Any]])
            #expect(
                !segments.isEmpty
                    && segments.allSatisfy { $0["size"] == nil && ($0["representative_users"] as? [String]) == [] })
            #expect(list["users"] == nil)
            #expect((list["privacy"] as? [String: Any])?["min_group_size"] as? Int == 1_000_000)
            let first = try #require(segments.first?["id"] as? Int)
            let detail = try await server.request(.GET, "/v1/segments/\(first)").json
            #expect(detail["members"] == nil && detail["size"] == nil && !(detail["label"] as? String ?? "").isEmpty)
            let page = try await server.request(.GET, "/").text
            #expect(page.contains("fewer than 1000000 users") && !page.contains("u1824"))
        }
    }
}

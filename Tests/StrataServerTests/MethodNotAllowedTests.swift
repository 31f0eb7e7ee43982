import Foundation
import NIOHTTP1
import Testing

/// A known path asked with a method it does not take gets 405 with `Allow` and the JSON error body; an
/// unknown path stays 404.
@Suite struct MethodNotAllowedTests {
    @Test func aKnownPathWithAnotherMethodGets405WithAllow() async throws {
        try await RunningServer().serving { server async throws in
            let cases: [(method: HTTPMethod, path: String, allow: String)] = [
                (.TRACE, "/v1/events", "POST"), (.GET, "/v1/events", "POST"), (.DELETE, "/v1/items", "PUT"),
                (.DELETE, "/v1/users/u1824/profile", "GET"), (.POST, "/v1/users/u1824", "DELETE"),
                (.PATCH, "/v1/segments/0", "GET"), (.OPTIONS, "/v1/topics", "GET"), (.PUT, "/", "GET"),
                (.RAW(value: "FROB"), "/healthz", "GET")
            ]
            for (method, path, allow) in cases {
                // No key: the method is refused before access is checked.
                let answer = try await server.request(method, path)
                #expect(answer.status == 405, "\(method) \(path): \(answer.status) \(answer.text)")
                #expect(answer.headers.first(name: "Allow") == allow, "\(method) \(path)")
                #expect((answer.json["error"] as? [String: Any])?["status"] as? Int == 405, "\(answer.text)")
                #expect(answer.errorMessage == "\(method.rawValue) is not supported on \(path); allowed: \(allow)")
            }
            for (method, path) in [(HTTPMethod.TRACE, "/v1/nothing"), (.GET, "/v1/users/u1824/nothing"), (.GET, "/v2")]
            {
                let answer = try await server.request(method, path)
                #expect(answer.status == 404 && answer.headers.first(name: "Allow") == nil, "\(method) \(path)")
                #expect((answer.json["error"] as? [String: Any])?["status"] as? Int == 404, "\(answer.text)")
            }
            // The routes themselves are unchanged.
            #expect(try await server.request(.GET, "/v1/users/u1824/profile").status == 200)
        }
    }
}

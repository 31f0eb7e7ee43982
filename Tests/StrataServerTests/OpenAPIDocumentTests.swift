import Foundation
import StrataCore
import Testing

@testable import StrataServer
@testable import StrataWire

/// The OpenAPI document states what the routes enforce, read without starting a server: the event names
/// it lists are the ones the ingest route accepts (a name it leaves out is refused), and `k`'s bounds are
/// the ones the recommendation routes check.
@Suite struct OpenAPIDocumentTests {
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
    }

    @Test func eventTypesAreAnEnumOfWhatIngestAccepts() throws {
        let schemas = try #require((try Self.document()["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let event = try #require(
            ((schemas["Event"] as? [String: Any])?["properties"] as? [String: Any])?["event"] as? [String: Any])
        let names = try #require(event["enum"] as? [String])
        #expect(Set(names) == Set(EventType.allCases.map(\.rawValue)).union(EventType.synonyms.keys))
        func ingest(_ name: String) throws -> Event {
            try EventInput(userID: "u1", itemID: "i1", event: name, timestamp: nil, value: 4, text: nil)
                .event(at: 0, now: 0)
        }
        #expect(Set(try names.map { try ingest($0).type }) == Set(EventType.allCases))
        #expect(throws: RequestBodyError.self) { try ingest("teleport") }
        #expect(!names.contains("teleport"))
    }

    @Test func kBoundsAreTheOnesTheRoutesCheck() throws {
        let document = try Self.document()
        let paths = try #require(document["paths"] as? [String: Any])
        let parameters = try #require(
            ((paths["/v1/users/{id}/recommendations"] as? [String: Any])?["get"] as? [String: Any])?["parameters"]
                as? [[String: Any]])
        let query = try #require(parameters.first { $0["name"] as? String == "k" }?["schema"] as? [String: Any])
        let body = try #require(
            ((((((paths["/v1/recommendations/cold-start"] as? [String: Any])?["post"] as? [String: Any])?[
                "requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
                as? [String: Any])?["schema"] as? [String: Any])?["properties"] as? [String: Any])
        let coldStart = try #require(body["k"] as? [String: Any])
        for schema in [query, coldStart] {
            #expect(schema["minimum"] as? Int == StrataServer.kRange.lowerBound)
            #expect(schema["maximum"] as? Int == StrataServer.kRange.upperBound)
        }
        let top = StrataServer.kRange.upperBound
        #expect(try StrataServer.intParameter("\(top)", name: "k", default: 10, range: StrataServer.kRange) == top)
        #expect(throws: APIError.self) {
            try StrataServer.intParameter("\(top + 1)", name: "k", default: 10, range: StrataServer.kRange)
        }
    }
}

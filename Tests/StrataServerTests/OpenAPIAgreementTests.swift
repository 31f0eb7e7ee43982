import Foundation
import NIOHTTP1
import Testing

/// `/openapi.json` states the constraints the API enforces: every field the document requires, or
/// requires non-empty, is refused with a 400 naming it when missing or empty, and so is an empty batch.
@Suite struct OpenAPIAgreementTests {
    @Test func theDocumentsConstraintsAreTheOnesEnforced() async throws {
        try await RunningServer().serving { server async throws in
            let schemas = try #require(
                ((try await server.request(.GET, "/openapi.json").json)["components"] as? [String: Any])?["schemas"]
                    as? [String: Any])
            let batches: [(schema: String, path: String, method: String, list: String, valid: [String: Any])] = [
                ("Event", "/v1/events", "POST", "events", ["user_id": "u1824", "item_id": "i001", "event": "view"]),
                ("Item", "/v1/items", "PUT", "items", ["item_id": "i001", "title": "Nova Pro Max"])
            ]
            for batch in batches {
                let schema = try #require(schemas[batch.schema] as? [String: Any])
                let required = try #require(schema["required"] as? [String])
                let properties = try #require(schema["properties"] as? [String: [String: Any]])
                let nonEmpty = properties.filter { ($0.value["minLength"] as? Int) == 1 }.keys.sorted()
                #expect(!required.isEmpty && !nonEmpty.isEmpty)
                let method: HTTPMethod = batch.method == "POST" ? .POST : .PUT
                var cases = required.map { field in (field, batch.valid.filter { $0.key != field }) }
                cases += nonEmpty.map { field in (field, batch.valid.merging([field: ""]) { $1 }) }
                for (field, record) in cases {
                    let answer = try await server.request(
                        method, batch.path, body: [batch.list: [record]], key: RunningServer.key)
                    #expect(
                        answer.status == 400 && answer.errorMessage?.hasPrefix("\(batch.list)[0].\(field):") == true,
                        "\(batch.schema).\(field): \(answer.status) \(answer.text)")
                }
                #expect(
                    try await server.request(method, batch.path, body: [batch.list: []], key: RunningServer.key).status
                        == 400,
                    "minItems 1")
            }
            // A cold start needs a text or attributes: the document says so with anyOf, the route with a 400.
            let document = try await server.request(.GET, "/openapi.json").json
            let coldStart =
                (((((document["paths"] as? [String: Any])?["/v1/recommendations/cold-start"] as? [String: Any])?[
                    "post"] as? [String: Any])?["requestBody"] as? [String: Any])?["content"] as? [String: Any])?[
                    "application/json"] as? [String: Any]
            let alternatives = ((coldStart?["schema"] as? [String: Any])?["anyOf"] as? [[String: Any]]) ?? []
            #expect(alternatives.compactMap { ($0["required"] as? [String])?.first }.sorted() == ["attributes", "text"])
            #expect(
                try await server.request(.POST, "/v1/recommendations/cold-start", body: [String: String]()).status
                    == 400)
            // …and a non-empty one: minProperties 1 in the document, a 400 for `{"attributes": {}}`.
            #expect(
                alternatives.contains {
                    (($0["properties"] as? [String: Any])?["attributes"] as? [String: Any])?["minProperties"] as? Int
                        == 1
                })
            let noAttributes = ["attributes": [String: String]()]
            #expect(
                try await server.request(.POST, "/v1/recommendations/cold-start", body: noAttributes).status == 400)
        }
    }

    /// Each documented path takes exactly the documented methods: any other gets 405 with an `Allow` header
    /// naming them (what schemathesis checks with `TRACE`).
    @Test func allowNamesTheDocumentedMethodsOfEachPath() async throws {
        try await RunningServer().serving { server async throws in
            let paths = try #require((try await server.request(.GET, "/openapi.json").json)["paths"] as? [String: Any])
            #expect(paths.count >= 10)
            for (path, operations) in paths {
                let methods = try #require(operations as? [String: Any]).keys.map { $0.uppercased() }.sorted()
                let concrete = path.replacingOccurrences(of: "{id}", with: "u1824")
                let answer = try await server.request(.TRACE, concrete)
                #expect(answer.status == 405, "TRACE \(path): \(answer.status)")
                let allow = (answer.headers.first(name: "Allow") ?? "").split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                #expect(allow.sorted() == methods, "\(path)")
            }
        }
    }
}

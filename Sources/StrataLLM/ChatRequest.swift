import Foundation
import StrataCore

/// One chat-completions request asking for a JSON object with a schema: a system and a user message.
public struct ChatRequest: Sendable, Equatable {
    public var system: String
    public var user: String
    /// The schema's name (`response_format.json_schema.name`).
    public var schemaName: String
    /// The JSON schema of the answer, as JSON text.
    public var schema: String
    public var maxTokens = 64
    public var temperature = 0.0

    public init(system: String, user: String, schemaName: String, schema: String) {
        self.system = system
        self.user = user
        self.schemaName = schemaName
        self.schema = schema
    }

    /// The request body for `model`, keys sorted, so the same request is the same text.
    func body(model: String) -> String {
        let schemaObject = (try? JSONSerialization.jsonObject(with: Data(schema.utf8))) ?? [String: Any]()
        let body: [String: Any] = [
            "model": model,
            "messages": [["role": "system", "content": system], ["role": "user", "content": user]],
            "response_format": [
                "type": "json_schema", "json_schema": ["name": schemaName, "strict": true, "schema": schemaObject]
            ],
            "max_tokens": maxTokens,
            "temperature": temperature
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The cache key of this request's answer from `model`: the model and a fingerprint of the prompt.
    public func cacheKey(model: String) -> String {
        "llm/\(model)/" + TextHash.of(body(model: model))
    }
}

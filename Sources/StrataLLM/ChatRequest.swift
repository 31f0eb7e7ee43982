import Foundation
import StrataCore
import StrataText

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
        let body = Body(
            model: model,
            messages: [Message(role: "system", content: system), Message(role: "user", content: user)],
            responseFormat: ResponseFormat(
                jsonSchema: Schema(
                    name: schemaName, schema: (try? JSONValue.parse(Data(schema.utf8))) ?? .object([:]))),
            maxTokens: maxTokens, temperature: temperature)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(body)) ?? Data(), as: UTF8.self)
    }

    /// The chat-completions request body, as the OpenAI protocol names its fields.
    private struct Body: Encodable {
        let model: String
        let messages: [Message]
        let responseFormat: ResponseFormat
        let maxTokens: Int
        let temperature: Double

        enum CodingKeys: String, CodingKey {
            case model, messages, temperature
            case responseFormat = "response_format"
            case maxTokens = "max_tokens"
        }
    }

    private struct Message: Encodable {
        let role: String
        let content: String
    }

    private struct ResponseFormat: Encodable {
        let type = "json_schema"
        let jsonSchema: Schema

        enum CodingKeys: String, CodingKey {
            case type
            case jsonSchema = "json_schema"
        }
    }

    private struct Schema: Encodable {
        let name: String
        let strict = true
        let schema: JSONValue
    }

    /// The cache key of this request's answer from `model`: the model and a fingerprint of the prompt.
    public func cacheKey(model: String) -> String {
        "llm/\(model)/" + TextHash.of(body(model: model))
    }
}

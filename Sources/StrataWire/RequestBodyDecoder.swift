import Foundation

/// Reads request bodies as the server reads them.
public enum RequestBodyDecoder {
    /// `data` decoded from JSON as `T`, or an error naming what is wrong and where.
    public static func decode<T: Decodable>(_: T.Type, from data: Data) throws(RequestBodyError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw RequestBodyError(describe(error))
        } catch {
            throw RequestBodyError("malformed JSON: \(error)")
        }
    }

    /// A one-line account of a decoding error with the JSON path it happened at.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the body" : String(text.drop { $0 == "." })
        }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "malformed JSON: the body is not valid JSON" }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required field is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(expected(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(expected(type)), found null"
        @unknown default:
            return "malformed JSON"
        }
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: type is [Any].Type ? "an array" : "\(type)"
        }
    }
}

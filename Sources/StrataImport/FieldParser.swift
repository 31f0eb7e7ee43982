import Foundation
import StrataCore
import StrataText

/// Turns the text of one record's fields into typed values, or into an `ImportError` that names
/// the file, line and field and says what was expected: the importers' and `strata batch`'s one reading
/// of event fields.
public struct FieldParser: Sendable {
    public let file: String
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public func problem(_ field: String, _ message: String) -> ImportError {
        ImportError(file: file, line: line, field: field, message: message)
    }

    /// A required identifier: present and not blank.
    public func id(_ text: String?, field: String) throws -> String {
        guard let text, !text.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else {
            throw problem(field, "expected a non-empty id")
        }
        return text
    }

    public func eventType(_ text: String?, field: String) throws -> EventType {
        guard let text, let type = EventType(name: text) else {
            throw problem(
                field,
                "expected an event type (\(EventType.allCases.map(\.rawValue).joined(separator: ", ")) "
                    + "or a synonym such as add_to_cart, buy, rate), found \"\(text ?? "")\"")
        }
        return type
    }

    public func timestamp(_ text: String?, field: String) throws -> Int64 {
        guard let text, let seconds = Timestamp.parse(text) else {
            throw problem(field, "expected Unix seconds or an ISO-8601 date-time, found \"\(text ?? "")\"")
        }
        return seconds
    }

    /// An optional number: `nil` when the field is empty.
    public func number(_ text: String?, field: String) throws -> Double? {
        guard let text else { return nil }
        guard let value = Double(text) ?? Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw problem(field, "expected a number, found \"\(text)\"")
        }
        return value
    }

    /// A JSON field's value as the text a CSV field would hold (`null` is empty), `nil` for an array or
    /// an object.
    public static func text(of value: JSONValue) -> String? {
        switch value {
        case .string(let string): string
        case .null: ""
        case .integer(let integer): String(integer)
        case .number(let double):
            double == double.rounded() && abs(double) < 1e15 ? String(Int64(double)) : String(double)
        // A boolean is the number 1 or 0, as Foundation's untyped JSON reading gave it before.
        case .bool(let bool): bool ? "1" : "0"
        case .array, .object: nil
        }
    }
}

import Foundation
import StrataCore

/// Turns the text of one record's fields into typed values, or into an `ImportError` that names
/// the file, line and field and says what was expected.
struct FieldParser {
    let file: String
    let line: Int

    func problem(_ field: String, _ message: String) -> ImportError {
        ImportError(file: file, line: line, field: field, message: message)
    }

    /// A required identifier: present and not blank.
    func id(_ text: String?, field: String) throws -> String {
        guard let text, !text.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else {
            throw problem(field, "expected a non-empty id")
        }
        return text
    }

    func eventType(_ text: String?, field: String) throws -> EventType {
        guard let text, let type = EventType(name: text) else {
            throw problem(
                field,
                "expected an event type (\(EventType.allCases.map(\.rawValue).joined(separator: ", ")) "
                    + "or a synonym such as add_to_cart, buy, rate), found \"\(text ?? "")\"")
        }
        return type
    }

    func timestamp(_ text: String?, field: String) throws -> Int64 {
        guard let text, let seconds = Timestamp.parse(text) else {
            throw problem(field, "expected Unix seconds or an ISO-8601 date-time, found \"\(text ?? "")\"")
        }
        return seconds
    }

    /// An optional number: `nil` when the field is empty.
    func number(_ text: String?, field: String) throws -> Double? {
        guard let text else { return nil }
        guard let value = Double(text) ?? Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw problem(field, "expected a number, found \"\(text)\"")
        }
        return value
    }
}

import Foundation

/// Writing one CSV record per RFC 4180: fields that hold a comma, a quote or a line break are quoted,
/// quotes inside doubled.
public enum CSVLine {
    /// `fields` as one CSV line, ending in `\n`.
    public static func format(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\n"
    }

    /// One field, quoted only when it must be.
    public static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

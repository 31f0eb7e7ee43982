import Foundation

/// The one JSON configuration of what Strata shows to people and programs: the CLI's `--json` output and
/// the HTTP API's bodies. Keys are sorted (stable, diffable output), slashes are not escaped, and the view
/// types name their snake_case keys with explicit `CodingKeys`.
public enum JSONOutput {
    /// A new encoder with the shared configuration (encoders are cheap; one per document).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` encoded as JSON.
    public static func data(_ value: some Encodable) throws -> Data {
        try encoder().encode(value)
    }

    /// `value` encoded as one line of JSON text. The views hold only strings, numbers and arrays of them,
    /// so encoding cannot fail for them; a failure would be a programming error.
    public static func string(_ value: some Encodable) -> String {
        do {
            return String(decoding: try data(value), as: UTF8.self)
        } catch {
            preconditionFailure("cannot encode \(type(of: value)) as JSON: \(error)")
        }
    }
}

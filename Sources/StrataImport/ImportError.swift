/// A record an importer could not take, with where it is and what was expected.
public struct ImportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file's name.
    public var file: String
    /// The 1-based line the record starts on (0 when the problem is the file itself).
    public var line: Int
    /// The column or field at fault, when one is.
    public var field: String?
    /// What was wrong, e.g. `expected Unix seconds or an ISO-8601 date, found "soon"`.
    public var message: String
    /// What kind of problem it is, for callers that offer a remedy.
    public var kind = Kind.invalidRecord

    /// The kinds of import problems.
    public enum Kind: Sendable, Equatable {
        /// A record or file that does not read as expected.
        case invalidRecord
        /// An event naming an item the catalog lacks (while unknown items are rejected).
        case unknownItem
    }

    public init(file: String, line: Int, field: String?, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// The problem without its location, as written to a rejects file.
    public var reason: String {
        field.map { "field '\($0)': \(message)" } ?? message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
    }
}

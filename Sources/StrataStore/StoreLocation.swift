import Foundation

/// Where a store lives, as `--db`, `STRATA_DB` and `strata migrate` name it: a SQLite file's path, or a
/// `postgres://user:password@host:port/database` URL for a database several processes share.
///
/// This is the location's interface, known to every layer; opening it (`open(texts:)`, in
/// StrataBackends, the one target that sees every backend) turns it into a store, so the command-line
/// tool, the server and their tests open stores alike and no other layer names a backend.
public struct StoreLocation: Sendable, CustomStringConvertible {
    /// The path or URL as given.
    public let location: String

    public init(_ location: String) {
        self.location = location
    }

    /// The prefixes of a database server's URL (PostgreSQL's): anything else is a file path.
    private static let serverSchemes = ["postgres://", "postgresql://"]

    /// Whether the location is a database server's URL rather than a file path.
    public var isURL: Bool { Self.serverSchemes.contains { location.hasPrefix($0) } }

    /// Whether something is there to read: a database server is asked when opened, a file must exist.
    public var exists: Bool { isURL || FileManager.default.fileExists(atPath: location) }

    /// The location for messages: the path, or the URL without its password.
    public var description: String {
        guard isURL, var parts = URLComponents(string: location), parts.password != nil else { return location }
        parts.password = nil
        return parts.string ?? location
    }
}

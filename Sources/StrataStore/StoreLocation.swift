import Foundation
import StrataCore

/// Where a store lives, as `--db`, `STRATA_DB` and `strata migrate` name it: a SQLite file's path, or a
/// `postgres://user:password@host:port/database` URL for a database several processes share. The one
/// place that turns such a string into an open store, so the command-line tool, the server and their
/// tests open stores alike and no layer above this one names a backend.
public struct StoreLocation: Sendable, CustomStringConvertible {
    /// The path or URL as given.
    public let location: String

    public init(_ location: String) {
        self.location = location
    }

    /// Whether the location is a database server's URL rather than a file path.
    public var isURL: Bool { PostgresLocation.isURL(location) }

    /// Whether something is there to read: a database server is asked when opened, a file must exist.
    public var exists: Bool { isURL || FileManager.default.fileExists(atPath: location) }

    /// The location for messages: the path, or the URL without its password.
    public var description: String { (try? PostgresLocation(url: location))?.description ?? location }

    /// Opens the store, creating a file's folder (and the file) if missing, with event texts stored as
    /// `texts` says (by default as they are stored, sealed or not: `strata migrate` copies them so).
    /// Throws a `StoreFailure`: `.badLocation` for an unusable URL or a file that cannot be opened,
    /// `.unavailable` when the database server cannot be reached.
    public func open(texts: EventTexts = .clear) throws -> any Store {
        if isURL { return try PostgresStore(url: location, texts: texts) }
        do {
            let folder = URL(fileURLWithPath: location).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try SQLiteStore(path: location, texts: texts)
        } catch {
            throw StoreError.cannotOpen(location: location, reason: "\(error)")
        }
    }

    /// Where fitted recommender models are kept for `store` (opened from this location): in the database
    /// of a shared store, where every process on it reads them; in `PATH.cache/` beside a file.
    public func fitKeeper(of store: any Store) -> any FitKeeper {
        (store as? PostgresStore)?.fitKeeper() ?? FolderFitKeeper(folder: URL(fileURLWithPath: location + ".cache"))
    }
}

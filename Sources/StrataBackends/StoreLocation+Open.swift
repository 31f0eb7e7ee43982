import Foundation
import StrataCore
import StrataPostgres
import StrataPrivacy
import StrataSQLite
import StrataStore

extension StoreLocation {
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

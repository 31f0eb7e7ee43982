import Foundation

/// Where fitted models are kept between runs, at most one fit per kind, each under a fingerprint of
/// everything it read (see `FitCache`): a folder beside a SQLite store
/// (`FolderFitKeeper`), the database itself for a store several servers share, so one server's fit
/// is read by the others.
public protocol FitKeeper: Sendable {
    /// Where the fits are kept, for messages.
    var location: String { get }
    /// The bytes kept for `kind` under `fingerprint`, or `nil` when none are.
    func read(kind: String, fingerprint: String) throws -> Data?
    /// Keeps `data` for `kind` under `fingerprint`, whole or not at all, replacing the kind's other fits.
    func keep(_ data: Data, kind: String, fingerprint: String) throws
    /// Removes every kept fit (after a user is deleted, kept fits still carry their interactions).
    func removeAll() throws
}

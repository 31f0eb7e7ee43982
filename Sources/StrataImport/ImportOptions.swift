import Foundation
import StrataCore

/// How an import treats bad records and events for items the catalog does not have.
public struct ImportOptions: Sendable {
    /// What to do with an event whose item is not in the catalog.
    public enum UnknownItemPolicy: String, Sendable, CaseIterable {
        /// Treat the event as invalid.
        case reject
        /// Store a bare item (id only) and keep the event.
        case create
    }

    /// `false` (the default): the first invalid record fails the import and nothing of the file is
    /// stored. `true`: invalid records are skipped and written, with reasons, to `rejectsURL`.
    public var skipInvalid: Bool
    /// Where skipped records go (CSV with columns `file,line,reason,record`).
    public var rejectsURL: URL?
    public var unknownItems: UnknownItemPolicy
    /// The stored form of a user id the files give: the id as given by default, a pseudonym with
    /// StrataPrivacy's `UserIDs.stored` (which the importer does not link, so it needs no cryptography).
    public var storedUserID: @Sendable (String) -> String
    /// Whether the rejects file leaves out each rejected record (its `record` column empty), naming only
    /// its file, line and reason: so that no raw user id (or text) reaches a file Strata writes. Callers
    /// that store pseudonyms or encrypted texts set it.
    public var withholdsRejectedRecords: Bool
    /// Called now and then with the name of the file being read, the bytes read so far and its size.
    public var progress: (@Sendable (_ file: String, _ done: Int64, _ total: Int64) -> Void)?

    public init(
        skipInvalid: Bool = false, rejectsURL: URL? = nil, unknownItems: UnknownItemPolicy = .reject,
        storedUserID: @escaping @Sendable (String) -> String = { $0 }, withholdsRejectedRecords: Bool = false,
        progress: (@Sendable (String, Int64, Int64) -> Void)? = nil
    ) {
        self.withholdsRejectedRecords = withholdsRejectedRecords
        self.skipInvalid = skipInvalid
        self.rejectsURL = rejectsURL
        self.unknownItems = unknownItems
        self.storedUserID = storedUserID
        self.progress = progress
    }

    /// `event` with its user id in stored form.
    func stored(_ event: Event) -> Event {
        var event = event
        event.userID = storedUserID(event.userID)
        return event
    }
}

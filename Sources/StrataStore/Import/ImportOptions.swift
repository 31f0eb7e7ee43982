import Foundation

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
    /// How the files' user ids are stored (as given, or as pseudonyms).
    public var userIDs: UserIDs
    /// Whether the rejects file leaves out each rejected record (its `record` column empty), naming only
    /// its file, line and reason: so that no raw user id (or text) reaches a file Strata writes. The
    /// default with pseudonymous `userIDs`.
    public var withholdsRejectedRecords: Bool
    /// Called now and then with the name of the file being read, the bytes read so far and its size.
    public var progress: (@Sendable (_ file: String, _ done: Int64, _ total: Int64) -> Void)?

    public init(
        skipInvalid: Bool = false, rejectsURL: URL? = nil, unknownItems: UnknownItemPolicy = .reject,
        userIDs: UserIDs = .raw, withholdsRejectedRecords: Bool? = nil,
        progress: (@Sendable (String, Int64, Int64) -> Void)? = nil
    ) {
        self.withholdsRejectedRecords = withholdsRejectedRecords ?? userIDs.arePseudonymous
        self.skipInvalid = skipInvalid
        self.rejectsURL = rejectsURL
        self.unknownItems = unknownItems
        self.userIDs = userIDs
        self.progress = progress
    }
}

/// What one import did: how many records it read, stored, skipped as already present and rejected.
public struct ImportSummary: Codable, Sendable, Equatable {
    /// Records read (header lines excluded).
    public var read = 0
    /// Records that added something new to the store.
    public var inserted = 0
    /// Items or users whose stored fields the import changed.
    public var updated = 0
    /// Records already in the store exactly as they are in the file.
    public var duplicates = 0
    /// Records rejected as invalid (only non-zero with `skipInvalid`; otherwise the import fails).
    public var rejected = 0
    /// New events stored, per event type name.
    public var events: [String: Int] = [:]
    /// New items stored, including bare items created for events.
    public var items = 0
    /// New users stored, including users first seen in events.
    public var users = 0

    public init() {}

    /// Adds another import's counts to these.
    public mutating func add(_ other: ImportSummary) {
        read += other.read
        inserted += other.inserted
        updated += other.updated
        duplicates += other.duplicates
        rejected += other.rejected
        events.merge(other.events, uniquingKeysWith: +)
        items += other.items
        users += other.users
    }
}

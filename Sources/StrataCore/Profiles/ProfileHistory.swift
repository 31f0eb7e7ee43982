/// One user's events as profile building reads them: only the events whose item has a vector and a
/// topic, each reduced to what the layers use, in the order the layers read them (time, then item id,
/// then event type, text and value, so the order does not depend on the order the events came in).
///
/// A history belongs to the `ProfileBuilder` that made it (items are that builder's ranks); keep one
/// per user and `add` new events to it to rebuild a profile without reading the whole history again.
public struct ProfileHistory: Sendable {
    /// One event, compact.
    struct Entry: Sendable {
        var timestamp: Int64
        /// The item's rank in the builder's sorted item ids.
        var item: Int32
        var type: EventType
        var value: Double?
        var text: String?
        /// What the user typed with the event, as the surface layer shows it.
        var phrase: String?

        /// The reading order: time, item id (ranks sort as ids do), type, text, value.
        static func precedes(_ a: Entry, _ b: Entry) -> Bool {
            if a.timestamp != b.timestamp { return a.timestamp < b.timestamp }
            if a.item != b.item { return a.item < b.item }
            if a.type != b.type { return a.type.rawValue < b.type.rawValue }
            if a.text != b.text { return (a.text ?? "") < (b.text ?? "") }
            return (a.value ?? -.infinity) < (b.value ?? -.infinity)
        }
    }

    /// In reading order.
    private(set) var entries: [Entry] = []

    /// An empty history.
    public init() {}

    /// How many events the profile is built from.
    public var count: Int { entries.count }
    /// The time of the latest event, if any.
    public var lastTimestamp: Int64? { entries.last?.timestamp }

    /// Adds `events` (any order) as `builder` reads them, skipping events whose item has no vector or topic.
    /// Costs the new events when they are not older than the history's latest, otherwise a re-sort.
    public mutating func add(_ events: some Sequence<Event>, builder: ProfileBuilder) {
        let new = events.compactMap(builder.entry).sorted(by: Entry.precedes)
        guard let first = new.first else { return }
        let inOrder = entries.last.map { !Entry.precedes(first, $0) } ?? true
        entries.append(contentsOf: new)
        if !inOrder { entries.sort(by: Entry.precedes) }
    }
}

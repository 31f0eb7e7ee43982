import StrataCore

/// One user's events put the way the store keeps them, so that a batch line and the stored history give
/// the same profile, interactions and hash.
enum BatchEvents {
    /// `events` in the store's order — by time, then item id and type by their bytes (then value and text,
    /// so the order is total) — without repeats of one event (same item, type, time and text), as an import
    /// keeps them.
    static func ordered(_ events: [Event]) -> [Event] {
        var seen = Set<Identity>()
        return events.sorted(by: precedes).filter { seen.insert(Identity($0)).inserted }
    }

    /// A stable hash of `ordered` events (16 hex digits).
    static func hash(_ ordered: [Event]) -> String {
        var hash = FNV1a()
        for event in ordered {
            hash.mix(event.itemID)
            hash.mix(0)
            hash.mix(event.type.rawValue)
            hash.mix(UInt64(bitPattern: event.timestamp))
            hash.mix(event.value.map { $0.bitPattern } ?? UInt64.max)
            hash.mix(event.text ?? "")
            hash.mix(1)
        }
        return hash.hex
    }

    /// What makes two events of one user the same event (see `Event`).
    private struct Identity: Hashable {
        let item: String
        let type: EventType
        let timestamp: Int64
        let text: String?

        init(_ event: Event) {
            (item, type, timestamp, text) = (event.itemID, event.type, event.timestamp, event.text)
        }
    }

    private static func precedes(_ a: Event, _ b: Event) -> Bool {
        if a.timestamp != b.timestamp { return a.timestamp < b.timestamp }
        if a.itemID != b.itemID { return a.itemID.utf8.lexicographicallyPrecedes(b.itemID.utf8) }
        if a.type != b.type { return a.type.rawValue.utf8.lexicographicallyPrecedes(b.type.rawValue.utf8) }
        if a.value != b.value { return (a.value ?? -.infinity) < (b.value ?? -.infinity) }
        return (a.text ?? "").utf8.lexicographicallyPrecedes((b.text ?? "").utf8)
    }
}

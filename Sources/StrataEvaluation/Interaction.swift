/// One user–item interaction as the offline protocol sees it: every event row counts once.
public struct Interaction: Hashable, Sendable {
    public var user: String
    public var item: String
    /// Unix seconds.
    public var timestamp: Int64

    public init(user: String, item: String, timestamp: Int64) {
        self.user = user
        self.item = item
        self.timestamp = timestamp
    }
}

extension Interaction {
    /// The protocol's order within a user: by timestamp, then by item id — numerically when both ids are
    /// integers (as MovieLens ids are, and as the reference harness compares them), else as text.
    public static func chronological(_ a: Interaction, _ b: Interaction) -> Bool {
        if a.timestamp != b.timestamp { return a.timestamp < b.timestamp }
        if let x = Int(a.item), let y = Int(b.item) { return x < y }
        return a.item < b.item
    }
}

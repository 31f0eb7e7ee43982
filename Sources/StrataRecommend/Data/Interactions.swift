import StrataCore

extension EventType {
    /// Whether an event of this type counts as an interaction for the recommender: everything a user
    /// does with an item, but not the tags and searches they annotate it with.
    public var isInteraction: Bool { self != .tag && self != .search }
}

import StrataCore
import StrataStore

extension Pipeline {
    /// How `user`'s three layers moved over their history: the profiles `builder` makes from the user's
    /// first n events at `points` cuts spread evenly over their events (the last cut is the whole
    /// history), oldest first, each as of its own last event; fewer when the user has fewer events, none
    /// for a user without events. O(points × events) for one user's events.
    public func layerHistory(user: String, points: Int, builder: ProfileBuilder) throws -> [UserProfile] {
        let events = try store.events(ofUser: user).sorted { ($0.timestamp, $0.itemID) < ($1.timestamp, $1.itemID) }
        guard !events.isEmpty, points > 0 else { return [] }
        let cuts = Set((1 ... points).map { (events.count * $0 + points - 1) / points })
        return cuts.sorted().map { builder.profile(user: user, events: Array(events.prefix($0))) }
    }
}

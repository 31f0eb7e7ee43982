import StrataCore
import StrataStore

extension Pipeline {
    /// `user`'s stored events in time order (ties by item id, then type; `Store.events(ofUser:)`): what
    /// `layerHistory(user:events:points:builder:)` cuts.
    public func events(ofUser user: String) throws -> [Event] {
        try store.events(ofUser: user)
    }

    /// How `user`'s three layers moved over their history: the profiles `builder` makes from the first n of
    /// `events` (in time order) at `points` cuts spread evenly over them (the last cut is the whole
    /// history), oldest first, each as of its own last event; fewer when there are fewer events, none
    /// without events. O(points × events).
    public static func layerHistory(user: String, events: [Event], points: Int, builder: ProfileBuilder)
        -> [UserProfile]
    {
        guard !events.isEmpty, points > 0 else { return [] }
        let cuts = Set((1 ... points).map { (events.count * $0 + points - 1) / points })
        return cuts.sorted().map { builder.profile(user: user, events: Array(events.prefix($0))) }
    }
}

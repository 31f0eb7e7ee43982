import StrataCore

/// What a batch of events changed, for the state kept beside the store (segments, a recommender) to
/// follow: the events just stored (`Pipeline.ingest`) or those another process stored (`Pipeline.reread`).
public struct IngestedEvents: Sendable {
    /// The fresh profiles of the users the batch touched, in user id order.
    public var profiles: [UserProfile]
    /// The touched users' interactions for a recommender to observe, oldest first: the new ones, or every
    /// stored one when `replacesInteractions`; a user without any is absent.
    public var interactions: [String: [Event]]
    /// Whether `interactions` are the users' whole stored interactions, read again, so a recommender
    /// forgets what it knew of them first.
    public var replacesInteractions: Bool

    /// The users the batch touched, in id order.
    public var users: [String] { profiles.map(\.user) }

    /// How many interactions `interactions` hold.
    public var interactionCount: Int { interactions.values.reduce(0) { $0 + $1.count } }
}

/// The one write path for events, which the server's ingest and `strata segment --apply-events`
/// (`applyEvents`) share: store a batch and rebuild its users' profiles (`ingest`), then move them in the
/// segments (`reassign`) and bring the recommender's contexts up to date (`Recommender.observe(_:segments:)`).
extension Pipeline {
    /// Stores `events` (one transaction; known duplicates skipped) and the fresh profiles of the users
    /// they touch, each built from the user's kept history with the new events added, which gives what
    /// `ProfileBuilder.profile(user:events:)` gives from every stored event without reading them again.
    /// Every event's item must have a vector in `builder`; otherwise nothing is stored
    /// (`PipelineError.unknownItem`).
    public func ingest(_ events: [Event], builder: ProfileBuilder, histories: inout KeptHistories) throws
        -> IngestedEvents
    {
        let new = Dictionary(grouping: try storeEvents(events, builder: builder), by: \.userID)
        let profiles = try Set(events.map(\.userID)).sorted().map { user in
            builder.profile(
                user: user,
                history: try histories.updated(of: user, adding: new[user] ?? [], builder: builder) {
                    try store.events(ofUser: user)
                })
        }
        try store.saveProfiles(profiles)
        let interactions = new.compactMapValues { events -> [Event]? in
            let interactions = events.filter(\.type.isInteraction)
            return interactions.isEmpty ? nil : interactions.sorted { $0.timestamp < $1.timestamp }
        }
        return IngestedEvents(profiles: profiles, interactions: interactions, replacesInteractions: false)
    }

    /// Brings `users` up to date with events another process stored in a shared store: their histories
    /// are read again and their profiles rebuilt, as the other process built and stored them (so they are
    /// not stored again), with their whole stored interactions.
    public func reread(users: [String], builder: ProfileBuilder, histories: inout KeptHistories) throws
        -> IngestedEvents
    {
        var interactions = [String: [Event]]()
        let profiles = try Set(users).sorted().map { user in
            let events = try store.events(ofUser: user)  // read once, for the history and the interactions
            interactions[user] = Self.interactions(in: events)
            return builder.profile(user: user, history: histories.replaced(of: user, with: events, builder: builder))
        }
        return IngestedEvents(profiles: profiles, interactions: interactions, replacesInteractions: true)
    }

    /// Moves the users of `profiles` (just rebuilt) to their nearest segments in `model`, centroids moving
    /// online, with the settings `model`'s layer is kept with (`segmentSettings(layer:)`).
    @discardableResult
    public func reassign(_ profiles: [UserProfile], in model: inout SegmentModel) throws -> SegmentUpdate {
        try segmentSettings(layer: model.layer).reassign(profiles, in: &model)
    }

    /// Each of `users`' stored interactions, oldest first (ties by item id); a user without any is absent.
    public func storedInteractions(of users: [String]) throws -> [String: [Event]] {
        var interactions = [String: [Event]]()
        for user in Set(users) { interactions[user] = Self.interactions(in: try store.events(ofUser: user)) }
        return interactions
    }

    /// The interactions among `events`, oldest first (ties by item id); `nil` when there are none.
    private static func interactions(in events: [Event]) -> [Event]? {
        let interactions = events.filter(\.type.isInteraction)
        return interactions.isEmpty
            ? nil : interactions.sorted { ($0.timestamp, $0.itemID) < ($1.timestamp, $1.itemID) }
    }
}

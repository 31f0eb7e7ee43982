import StrataCore

/// The histories of the users who sent events lately, kept between event batches so that a batch costs
/// the events it brings instead of a read of its users' whole histories (`Pipeline.ingest`). A user's
/// history is read from the store on their first batch; at most `limit` are kept, the least recently
/// used leaving first (read again on their user's next batch).
///
/// A history names items by the ranks of the profile builder it was read with: after the builder changes
/// (items added), `removeAll`.
public struct KeptHistories {
    private var histories: LeastRecentlyUsed<String, ProfileHistory>

    /// Keeps at most `limit` histories (`Int.max`: every one read).
    public init(limit: Int = .max) {
        histories = LeastRecentlyUsed(limit: limit)
    }

    /// The most histories kept.
    public var limit: Int { histories.limit }

    /// Forgets `user`'s history (deleted, or changed by another process): it is read again when needed.
    public mutating func forget(_ user: String) {
        histories.remove(user)
    }

    /// Forgets every history.
    public mutating func removeAll() {
        histories.removeAll()
    }

    /// `user`'s history with `new` (their events just stored) added; made from `stored()` (every stored event
    /// of theirs, `new` included) when it is not kept.
    mutating func updated(
        of user: String, adding new: [Event], builder: ProfileBuilder, stored: () throws -> [Event]
    ) rethrows -> ProfileHistory {
        guard var history = histories.value(for: user) else {
            return replaced(of: user, with: try stored(), builder: builder)
        }
        histories.remove(user)  // one copy while it grows
        history.add(new, builder: builder)
        histories.set(history, for: user)
        return history
    }

    /// `user`'s history made afresh from `events` (every stored event of theirs), kept from then on.
    mutating func replaced(of user: String, with events: [Event], builder: ProfileBuilder) -> ProfileHistory {
        var history = ProfileHistory()
        history.add(events, builder: builder)
        histories.set(history, for: user)
        return history
    }
}

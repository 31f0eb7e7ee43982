import StrataCore
import StrataRecommend

extension Recommender {
    /// Brings the contexts of the users `ingested` touched up to date with its interactions, each user
    /// with their segment in `segments` (`nil`: none). The contexts carry no profile: a server adds the
    /// one it serves to a request's context.
    public mutating func observe(_ ingested: IngestedEvents, segments: SegmentModel?) {
        observe(
            ingested.interactions, of: ingested.users, replacing: ingested.replacesInteractions, segments: segments)
    }

    /// Brings the contexts of `users` up to date with their `interactions` (oldest first), each with their
    /// segment in `segments`. When `replacing`, the interactions are each user's whole history: what was
    /// known of them is forgotten first, and a user without interactions (deleted meanwhile) keeps no context.
    public mutating func observe(
        _ interactions: [String: [Event]], of users: [String], replacing: Bool, segments: SegmentModel?
    ) {
        for user in users {
            let arrived = interactions[user] ?? []
            if replacing {
                forget(user: user)
                guard !arrived.isEmpty else { continue }
            }
            observe(
                user: user, items: arrived.map(\.itemID),
                purchased: arrived.filter { $0.type == .purchase }.map(\.itemID), at: arrived.last?.timestamp,
                profile: nil, segment: segments?.membership(of: user))
        }
    }
}

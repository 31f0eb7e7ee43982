import StrataCore
import StrataEmbedding
import StrataPipeline
import StrataRecommend
import Synchronization

extension ServingState {
    /// Everything a read needs, as of one moment.
    struct Snapshot: Sendable {
        var builder: ProfileBuilder
        /// The deep-layer segments, users reassigned as their events arrive.
        var segments: SegmentModel
        /// The fitted hybrid, users' contexts brought up to date as their events arrive. The contexts
        /// carry their users' items and segments but no profiles: a request adds the served profile.
        var recommender: Recommender
        /// Known users' attributes, for cold start from attributes.
        var userAttributes: [String: [String: String]]
        var embedder: any TextEmbedder
        /// Counts publications; a cached answer is only stored for the snapshot it was computed from.
        var generation = 0
        /// Interaction events ingested since the recommender was fitted.
        var interactionsSinceFit = 0
        /// Items embedded (new, or with a changed text) since the recommender was fitted.
        var itemsEmbeddedSinceFit = 0
        /// Users deleted since the recommender was fitted.
        var usersDeletedSinceFit = 0
        /// When the recommender's inputs were read.
        var recommenderFittedAt = ContinuousClock.now
        var topics: TopicModel { builder.topics }

        /// What the recommender scores `user` by: their context (items, segment; an empty one for a user
        /// without interactions) with their served `profile`.
        func context(of user: String, profile: UserProfile) -> UserContext {
            var context = recommender.contexts[user] ?? UserContext(user: user, items: [])
            context.profile = profile
            context.segment = segments.membership(of: user)
            return context
        }
    }
}

/// The snapshot reads answer from, the users' profiles served with it and the recommendation answers
/// already given from it, replaced together under one lock: an answer is kept per user until a
/// publication changes what it would be.
///
/// The profiles are every user's (`userCacheSize` `nil`: all loaded at start-up) or, for a store with
/// more users than a server should hold, the `userCacheSize` most recently used; the others are read
/// from the store when asked for (`ServingState.storedProfile`) and kept from then on.
final class Snapshots: Sendable {
    private struct Published {
        /// `nil` until the first publication.
        var current: ServingState.Snapshot?
        var answers: AnswerCache
        var profiles: LeastRecentlyUsed<String, UserProfile>
    }

    private let published: Mutex<Published>
    /// Whether `profiles` holds every user's profile, so a user it lacks is not known.
    let holdsEveryProfile: Bool

    init(answerCacheSize: Int, userCacheSize: Int?) {
        holdsEveryProfile = userCacheSize == nil
        published = Mutex(
            Published(
                current: nil, answers: AnswerCache(limit: answerCacheSize),
                profiles: LeastRecentlyUsed(limit: userCacheSize ?? .max)))
    }

    /// The last published snapshot; `nil` before the first.
    var current: ServingState.Snapshot? { published.withLock { $0.current } }

    /// Publishes `snapshot` with `profiles` (the fresh profiles of the users it changed; `removing` those of
    /// users deleted), dropping the cached answers of the users in `changing` (every user's when `nil`).
    func publish(
        _ snapshot: ServingState.Snapshot, changing: Set<String>?, profiles: [UserProfile] = [],
        removing: [String] = []
    ) {
        published.withLock { published in
            var snapshot = snapshot
            snapshot.generation = (published.current?.generation ?? 0) + 1
            published.current = snapshot
            published.answers.drop(changing)
            for user in removing { published.profiles.remove(user) }
            for profile in profiles { published.profiles.set(profile, for: profile.user) }
        }
    }

    /// The current snapshot and `user`'s profile when kept (it becomes the most recently used); `nil`
    /// before the first publication.
    func read(_ user: String) -> (snapshot: ServingState.Snapshot, profile: UserProfile?)? {
        published.withLock { published in
            published.current.map { ($0, published.profiles.value(for: user)) }
        }
    }

    /// Keeps `profile`, read from the store, for the current snapshot's reads (called holding the
    /// writer, so no publication can have changed it since it was read).
    func admit(_ profile: UserProfile) {
        published.withLock { $0.profiles.set(profile, for: profile.user) }
    }

    /// The users whose profiles are kept now (every user's when `holdsEveryProfile`).
    func keptUsers() -> [String] {
        published.withLock { Array($0.profiles.keys) }
    }

    /// Every kept profile, read from a copy of the cache taken under the lock (copy-on-write: free while a
    /// server keeping every profile, whose reads never write the cache, has no write to make).
    func everyKeptProfile() -> [UserProfile] {
        published.withLock { $0.profiles }.values
    }

    /// The kept profiles of those of `users` that have one, leaving the order of use alone.
    func keptProfiles(of users: some Sequence<String>) -> [String: UserProfile] {
        published.withLock { published in
            var kept = [String: UserProfile]()
            for user in users { kept[user] = published.profiles.peek(user) }
            return kept
        }
    }

    /// The recommendations already given for `request` from the current snapshot, if any.
    func cached(_ request: RecommendationRequest) -> RecommendationsView? {
        published.withLock { $0.answers.entries[request.user]?[request] }
    }

    /// Keeps `answer` for `request` if it was computed from the snapshot still current (`generation`).
    func remember(_ answer: RecommendationsView, for request: RecommendationRequest, generation: Int) {
        published.withLock { published in
            guard published.current?.generation == generation else { return }
            published.answers.insert(answer, for: request)
        }
    }
}

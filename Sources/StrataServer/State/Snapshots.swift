import StrataCore
import StrataEmbedding
import StrataPipeline
import StrataRecommend
import Synchronization

extension ServingState {
    /// Everything a read needs, as of one moment.
    struct Snapshot: Sendable {
        var builder: ProfileBuilder
        var profiles: [String: UserProfile]
        /// The deep-layer segments, users reassigned as their events arrive.
        var segments: SegmentModel
        /// The fitted hybrid, users' contexts brought up to date as their events arrive.
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
    }
}

/// The snapshot reads answer from and the recommendation answers already given from it, replaced
/// together under one lock: an answer is kept per user until a publication changes what it would be.
final class Snapshots: Sendable {
    private struct Published {
        /// `nil` until the first publication.
        var current: ServingState.Snapshot?
        var answers: AnswerCache
    }

    private let published: Mutex<Published>

    init(answerCacheSize: Int) {
        published = Mutex(Published(current: nil, answers: AnswerCache(limit: answerCacheSize)))
    }

    /// The last published snapshot; `nil` before the first.
    var current: ServingState.Snapshot? { published.withLock { $0.current } }

    /// Publishes `snapshot`, dropping the cached answers of the users in `changing` (every user's when `nil`).
    func publish(_ snapshot: ServingState.Snapshot, changing: Set<String>?) {
        published.withLock { published in
            var snapshot = snapshot
            snapshot.generation = (published.current?.generation ?? 0) + 1
            published.current = snapshot
            published.answers.drop(changing)
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

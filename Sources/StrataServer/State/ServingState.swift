import Foundation
import StrataCore
import StrataEmbedding
import StrataPipeline
import StrataRecommend
import StrataStore

/// What the server answers from, kept in step with the store: topics and a profile builder over them,
/// every user's profile, the deep-layer segments and the fitted recommender.
///
/// Writes (events, items, deletions, segment refits) run one at a time on the pipeline; each builds the
/// next `Snapshot` and publishes it under one lock only after the store holds what it acknowledges, so
/// a read sees a whole batch or none of it. Reads take the current snapshot and work on it unlocked.
/// Recommendation answers are kept per user until a publication changes what they would be.
final class ServingState: @unchecked Sendable {
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
        /// When the recommender's inputs were read.
        var recommenderFittedAt = ContinuousClock.now
        var topics: TopicModel { builder.topics }
    }

    /// The pipeline; touched only while holding `writeLock`.
    private let pipeline: Pipeline
    private let writeLock = NSLock()
    private let readLock = NSLock()
    /// Guarded by `readLock`; `nil` until `prepare()` finished.
    private var current: Snapshot?
    /// Guarded by `readLock`: answers already given, dropped for a user whenever a publication changes
    /// what they would be.
    private var answers: AnswerCache
    /// Guarded by `writeLock`: while the recommender is refitted outside the lock, the users who sent
    /// interactions or were deleted since it read its inputs; `nil` when no refit is fitting.
    private var changedDuringRecommenderFit: Set<String>?

    init(pipeline: Pipeline, answerCacheSize: Int) {
        self.pipeline = pipeline
        answers = AnswerCache(limit: answerCacheSize)
    }

    /// Whether `prepare()` has finished.
    var isReady: Bool { readLock.withLock { current != nil } }

    /// The snapshot to answer a read from.
    func snapshot() throws -> Snapshot {
        guard let snapshot = readLock.withLock({ current }) else {
            throw APIError(.serviceUnavailable, "the server is still computing its stages; see /healthz")
        }
        return snapshot
    }

    /// Computes the stages that are missing or stale (embeddings, topics, profiles, segments, the
    /// recommender) and loads them.
    func prepare() throws {
        try writeLock.withLock {
            try pipeline.ensureProfiles()
            let builder = try pipeline.profileBuilder()
            let segments = try deepSegments()
            var recommender = try pipeline.recommender()
            recommender.keepUserStates()
            let stored = try pipeline.store.profiles()
            let attributes = try pipeline.store.users().filter { !$0.attributes.isEmpty }
            let embedder = try pipeline.embedder()
            pipeline.log("serving \(stored.count) profiles over \(builder.topics.fine.count) topics in \(segments.segments.count) segments")
            publish(Snapshot(builder: builder, profiles: Dictionary(stored.map { ($0.user, $0) }) { $1 }, segments: segments,
                             recommender: recommender, userAttributes: Dictionary(attributes.map { ($0.id, $0.attributes) }) { $1 },
                             embedder: embedder), changing: nil)
        }
    }

    /// The deep-layer segments; none while fewer than 3 users have a deep layer (the background task
    /// fits them once enough have).
    private func deepSegments() throws -> SegmentModel {
        do {
            return try pipeline.segments(layer: .deep)
        } catch SegmentError.tooFewUsers {
            pipeline.log("too few users to segment yet; segments are fitted once 3 users have a deep layer")
            return SegmentModel(layer: .deep, algorithm: "none", segments: [], memberships: [:], nextID: 0, temperature: 1,
                                centroidWeights: [])
        }
    }

    /// Stores `events` and publishes the fresh profiles of the users they touch, their segments and
    /// their recommendation contexts; returns those profiles.
    func ingest(_ events: [Event]) throws -> [UserProfile] {
        try writeLock.withLock {
            var next = try snapshot()
            let fresh: [UserProfile]
            do {
                fresh = try pipeline.applyEvents(events, builder: next.builder)
            } catch let error as PipelineError {
                throw APIError(.unprocessableContent, error.description)
            }
            _ = try pipeline.segmentation.reassign(fresh, in: &next.segments)
            let interactions = Dictionary(grouping: events.filter(\.type.isInteraction), by: \.userID)
            next.interactionsSinceFit += interactions.values.reduce(0) { $0 + $1.count }
            changedDuringRecommenderFit?.formUnion(interactions.keys)
            for profile in fresh {
                next.profiles[profile.user] = profile
                let items = (interactions[profile.user] ?? []).sorted { $0.timestamp < $1.timestamp }.map(\.itemID)
                next.recommender.observe(user: profile.user, items: items, profile: profile,
                                         segment: next.segments.membership(of: profile.user))
            }
            publish(next, changing: Set(fresh.map(\.user)))
            return fresh
        }
    }

    /// Stores `items` (one transaction), embeds new or changed texts, gives new items their nearest
    /// topics and publishes the builder that knows them. (The recommender keeps the catalog it was
    /// fitted on until the background task refits it: `refitRecommenderIfStale`.)
    func upsert(_ items: [Item]) throws -> ItemUpsertSummary {
        try writeLock.withLock {
            var next = try snapshot()
            var summary = ItemUpsertSummary()
            try pipeline.store.write { writer in
                for item in items {
                    switch try writer.upsert(item) {
                    case .inserted: summary.inserted += 1
                    case .updated: summary.updated += 1
                    case .unchanged: summary.unchanged += 1
                    }
                }
            }
            summary.embedded = try pipeline.embedItems()
            next.itemsEmbeddedSinceFit += summary.embedded
            next.builder = try pipeline.profileBuilder()
            publish(next, changing: [])
            return summary
        }
    }

    /// Deletes `user` and everything derived from them; `false` when unknown.
    func deleteUser(_ user: String) throws -> Bool {
        try writeLock.withLock {
            var next = try snapshot()
            let deleted = try pipeline.store.deleteUser(user)
            next.profiles[user] = nil
            next.segments.remove(user: user)
            next.recommender.forget(user: user)
            next.userAttributes[user] = nil
            changedDuringRecommenderFit?.insert(user)
            publish(next, changing: [user])
            return deleted
        }
    }

    /// Refits the segments when more than the pipeline's `refitDrift` share of users changed segment
    /// since the last fit (or fits them when there are none yet and enough users), keeping the ids of
    /// segments that stay alike; `true` when it refitted.
    func refitSegmentsIfDrifted() throws -> Bool {
        try writeLock.withLock {
            guard var next = readLock.withLock({ current }),
                  next.segments.drift > pipeline.segmentation.refitDrift || (next.segments.segments.isEmpty && next.profiles.count >= 3)
            else { return false }
            // Every stored profile is current (each batch stores its users'), so the refit can start from them,
            // and from the segments as they have moved, to keep ids stable.
            try pipeline.recordProfilesCurrent()
            try pipeline.saveSegments(next.segments)
            do {
                next.segments = try pipeline.refitSegments(layer: .deep).model
            } catch SegmentError.tooFewUsers {
                return false
            }
            for (user, context) in next.recommender.contexts {
                next.recommender.observe(user: user, items: [], profile: context.profile, segment: next.segments.membership(of: user))
            }
            publish(next, changing: nil)
            return true
        }
    }

    /// Called once the server stopped taking requests: every profile and the segments are current, so
    /// store them as such.
    func finish() throws {
        try writeLock.withLock {
            guard let last = readLock.withLock({ current }) else { return }
            try pipeline.recordProfilesCurrent()
            try pipeline.saveSegments(last.segments)
        }
    }

    /// The recommendations already given for `request` from the current snapshot, if any.
    func cachedRecommendations(_ request: RecommendationRequest) -> RecommendationsView? {
        readLock.withLock { answers.entries[request.user]?[request] }
    }

    /// Keeps `answer` for `request` if it was computed from the snapshot still current (`generation`).
    func remember(_ answer: RecommendationsView, for request: RecommendationRequest, generation: Int) {
        readLock.withLock {
            guard current?.generation == generation else { return }
            answers.insert(answer, for: request)
        }
    }

    /// Publishes `snapshot`, dropping the cached answers of the users in `changing` (every user's when `nil`).
    private func publish(_ snapshot: Snapshot, changing: Set<String>?) {
        readLock.withLock {
            var snapshot = snapshot
            snapshot.generation = (current?.generation ?? 0) + 1
            current = snapshot
            answers.drop(changing)
        }
    }
}

extension ServingState {
    /// Refits the recommender, at most once per `interval`, when items were embedded since its fit (new,
    /// or with a changed text) or when the interactions ingested since its fit reach `share` of those it
    /// was fitted on, so new items get recommended and the collaborative generators learn from new
    /// events; `true` when it refitted.
    ///
    /// The inputs are read under the write lock, the fit runs without it, so events keep flowing; then,
    /// under the lock, the users who sent interactions meanwhile get their contexts rebuilt from their
    /// stored histories (deleted ones are dropped), every context takes the current profile and segment,
    /// and the new recommender is published.
    func refitRecommenderIfStale(share: Double, interval: Duration) throws -> Bool {
        let start = try writeLock.withLock { () -> (inputs: RecommenderInputs, parameters: HybridParameters, counted: Snapshot)? in
            guard changedDuringRecommenderFit == nil, let base = readLock.withLock({ current }),
                  ContinuousClock.now - base.recommenderFittedAt >= interval else { return nil }
            let interactions = base.recommender.matrix.userItems.reduce(0) { $0 + $1.count }
            guard base.itemsEmbeddedSinceFit > 0
                  || (base.interactionsSinceFit > 0 && Double(base.interactionsSinceFit) >= share * Double(interactions))
            else { return nil }
            changedDuringRecommenderFit = []
            pipeline.log("refitting the recommender: \(base.itemsEmbeddedSinceFit) items embedded and "
                         + "\(base.interactionsSinceFit) interactions ingested since the last fit")
            let inputs = try pipeline.recommenderInputs(
                vectors: try pipeline.store.loadEmbeddings(model: pipeline.modelID), topics: base.topics,
                profiles: Array(base.profiles.values), segments: base.segments.memberships.mapValues(\.segment))
            var counted = base
            counted.recommenderFittedAt = .now
            return (inputs, try pipeline.hybridParameters(), counted)
        }
        guard let start else { return false }
        var fitted: Recommender
        do {
            fitted = try Recommender(fitting: start.inputs, parameters: start.parameters)
            fitted.keepUserStates()
        } catch {
            writeLock.withLock { changedDuringRecommenderFit = nil }
            throw error
        }
        return try writeLock.withLock {
            let changed = changedDuringRecommenderFit ?? []
            changedDuringRecommenderFit = nil
            var next = try snapshot()
            for user in changed.sorted() {
                fitted.forget(user: user)
                guard next.profiles[user] != nil else { continue }
                let items = try pipeline.store.events(ofUser: user).filter(\.type.isInteraction)
                    .sorted { ($0.timestamp, $0.itemID) < ($1.timestamp, $1.itemID) }.map(\.itemID)
                fitted.observe(user: user, items: items, profile: nil, segment: nil)
            }
            // Every user keeps a context with their current layers and segment, also those without interactions.
            for user in Set(fitted.contexts.keys).union(next.profiles.keys) {
                fitted.observe(user: user, items: [], profile: next.profiles[user], segment: next.segments.membership(of: user))
            }
            next.recommender = fitted
            next.recommenderFittedAt = start.counted.recommenderFittedAt
            // What arrived during the fit is in the contexts but not in the fitted generators or catalog.
            next.interactionsSinceFit -= start.counted.interactionsSinceFit
            next.itemsEmbeddedSinceFit -= start.counted.itemsEmbeddedSinceFit
            publish(next, changing: nil)
            return true
        }
    }
}

/// What `PUT /v1/items` did.
struct ItemUpsertSummary: Codable, Equatable {
    var inserted = 0
    var updated = 0
    var unchanged = 0
    /// Items whose text was embedded (new or changed).
    var embedded = 0
}

/// One recommendation request: whose, how many, from which layer, with reasons or not.
struct RecommendationRequest: Hashable {
    var user: String
    var k: Int
    var layer: LayerKind?
    var explain: Bool
}

/// Recommendation answers by user, bounded in size.
struct AnswerCache {
    private(set) var entries = [String: [RecommendationRequest: RecommendationsView]]()
    private var count = 0
    /// When this many answers are kept, the cache starts over; 0 keeps none.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    mutating func insert(_ answer: RecommendationsView, for request: RecommendationRequest) {
        guard limit > 0 else { return }
        if count >= limit { drop(nil) }
        if entries[request.user, default: [:]].updateValue(answer, forKey: request) == nil { count += 1 }
    }

    /// Forgets the answers of `users`, or all of them when `nil`.
    mutating func drop(_ users: Set<String>?) {
        guard let users else {
            entries.removeAll()
            count = 0
            return
        }
        for user in users { count -= entries.removeValue(forKey: user)?.count ?? 0 }
    }
}

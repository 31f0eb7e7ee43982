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
        /// Users deleted since the recommender was fitted.
        var usersDeletedSinceFit = 0
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
    /// Guarded by `writeLock`: the histories of the users who sent events since the profile builder was
    /// last replaced, each read from the store once, on the user's first batch.
    private var histories = [String: ProfileHistory]()
    /// Guarded by `writeLock`: while a segment refit fits outside the lock, the users whose profiles
    /// changed (or who were deleted) since it took its copy; `nil` when no refit is fitting.
    private var changedDuringRefit: Set<String>?
    private let queueLock = NSLock()
    /// Guarded by `queueLock`: batches waiting for the write lock, applied together by whichever of
    /// their callers gets it first.
    private var queued = [QueuedBatch]()

    /// One batch of events and, once applied, what became of it (written and read holding `writeLock`).
    private final class QueuedBatch {
        let events: [Event]
        var result: Result<[UserProfile], any Error>?
        init(_ events: [Event]) { self.events = events }
    }

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
            pipeline.log(
                "serving \(stored.count) profiles over \(builder.topics.fine.count) topics in \(segments.segments.count) segments"
            )
            publish(
                Snapshot(
                    builder: builder, profiles: Dictionary(stored.map { ($0.user, $0) }) { $1 }, segments: segments,
                    recommender: recommender,
                    userAttributes: Dictionary(attributes.map { ($0.id, $0.attributes) }) { $1 },
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
            return SegmentModel(
                layer: .deep, algorithm: "none", segments: [], memberships: [:], nextID: 0, temperature: 1,
                centroidWeights: [])
        }
    }

    /// Stores `events` and publishes the fresh profiles of the users they touch, their segments and
    /// their recommendation contexts; returns those profiles.
    ///
    /// Batches that arrive while another is being applied wait together and are then applied as one
    /// group (one transaction, one publication), each still whole or not at all: a batch with an
    /// unknown item is refused on its own. A profile is rebuilt from the user's history kept in memory
    /// (the new events added to it), which gives what `ProfileBuilder.profile` gives from their stored
    /// events, without reading them again.
    func ingest(_ events: [Event]) throws -> [UserProfile] {
        let batch = QueuedBatch(events)
        queueLock.withLock { queued.append(batch) }
        return try writeLock.withLock {
            if batch.result == nil {
                let group = queueLock.withLock {
                    defer { queued.removeAll() }
                    return queued
                }
                apply(group)
            }
            return try batch.result!.get()
        }
    }

    /// Applies `group` (called holding `writeLock`) and leaves each batch its result.
    private func apply(_ group: [QueuedBatch]) {
        do {
            var next = try snapshot()
            var accepted = [QueuedBatch]()
            for batch in group {
                do {
                    try pipeline.checkItems(of: batch.events, builder: next.builder)
                    accepted.append(batch)
                } catch let error as PipelineError {
                    batch.result = .failure(APIError(.unprocessableContent, error.description))
                }
            }
            guard !accepted.isEmpty else { return }
            let events = accepted.flatMap(\.events)
            let new = Dictionary(grouping: try pipeline.storeEvents(events, builder: next.builder), by: \.userID)
            let fresh = try Set(events.map(\.userID)).sorted().map { user in
                let history = try updatedHistory(of: user, adding: new[user] ?? [], builder: next.builder)
                return next.builder.profile(user: user, history: history)
            }
            try pipeline.store.saveProfiles(fresh)
            changedDuringRefit?.formUnion(fresh.map(\.user))
            _ = try pipeline.segmentation.reassign(fresh, in: &next.segments)
            let interactions = Dictionary(grouping: events.filter(\.type.isInteraction), by: \.userID)
            next.interactionsSinceFit += interactions.values.reduce(0) { $0 + $1.count }
            changedDuringRecommenderFit?.formUnion(interactions.keys)
            for profile in fresh {
                next.profiles[profile.user] = profile
                let arrived = (interactions[profile.user] ?? []).sorted { $0.timestamp < $1.timestamp }
                next.recommender.observe(
                    user: profile.user, items: arrived.map(\.itemID),
                    purchased: arrived.filter { $0.type == .purchase }.map(\.itemID), profile: profile,
                    segment: next.segments.membership(of: profile.user))
            }
            publish(next, changing: Set(fresh.map(\.user)))
            let byUser = Dictionary(uniqueKeysWithValues: fresh.map { ($0.user, $0) })
            for batch in accepted {
                batch.result = .success(Set(batch.events.map(\.userID)).sorted().map { byUser[$0]! })
            }
        } catch {
            for batch in group where batch.result == nil { batch.result = .failure(error) }
        }
    }

    /// `user`'s history with `new` (just stored) added: read from the store when not kept yet.
    private func updatedHistory(of user: String, adding new: [Event], builder: ProfileBuilder) throws -> ProfileHistory
    {
        var history: ProfileHistory
        if let kept = histories.removeValue(forKey: user) {
            history = kept
            history.add(new, builder: builder)
        } else {
            history = ProfileHistory()
            history.add(try pipeline.store.events(ofUser: user), builder: builder)
        }
        histories[user] = history
        return history
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
            histories.removeAll()  // they name items by the old builder's ranks
            publish(next, changing: [])
            return summary
        }
    }

    /// Deletes `user` and everything derived from them (`Pipeline.forget`); `false` when unknown. The
    /// recommender's generators still carry their interactions until its next fit, which a deletion
    /// makes due (`refitRecommenderIfStale`).
    func deleteUser(_ user: String) throws -> Bool {
        try writeLock.withLock {
            var next = try snapshot()
            let deleted = try pipeline.forget(user: user)
            if deleted { next.usersDeletedSinceFit += 1 }
            next.profiles[user] = nil
            next.segments.remove(user: user)
            next.recommender.forget(user: user)
            next.userAttributes[user] = nil
            changedDuringRecommenderFit?.insert(user)
            histories[user] = nil
            changedDuringRefit?.insert(user)
            publish(next, changing: [user])
            return deleted
        }
    }

    /// Refits the segments when more than the pipeline's `refitDrift` share of users changed segment
    /// since the last fit (or fits them when there are none yet and enough users), keeping the ids of
    /// segments that stay alike; `true` when it refitted.
    ///
    /// The fit runs on a copy of the profiles without the write lock, so events keep flowing meanwhile;
    /// then, under the lock, the users whose profiles changed since are reassigned in the fitted segments
    /// (deleted ones removed) before they are published. Like the users' moves between refits, the
    /// segments are stored when the server stops (`finish`), not here: recording them as current
    /// would count every stored event while events wait.
    func refitSegmentsIfDrifted() throws -> Bool {
        let start = try writeLock.withLock { () throws -> (base: Snapshot, settings: SegmentSettings)? in
            guard changedDuringRefit == nil, let base = readLock.withLock({ current }),
                base.segments.drift > pipeline.segmentation.refitDrift
                    || (base.segments.segments.isEmpty && base.profiles.count >= 3)
            else { return nil }
            // The settings the stored segments were fitted with (say by `strata segment --k 3`), else the defaults.
            let settings = try pipeline.segmentSettings(layer: .deep)
            changedDuringRefit = []
            pipeline.log(segmenting: base.profiles.count, with: settings)
            return (base, settings)
        }
        guard let (base, settings) = start else { return false }
        let fitted: (model: SegmentModel, changes: SegmentChanges?)
        do {
            // Every profile in the snapshot is current (each batch publishes its users'), and the segments
            // as they have moved are what the new ones are matched to, to keep ids stable.
            fitted = try settings.fit(
                layer: .deep, profiles: base.profiles.values.sorted { $0.user < $1.user },
                topics: base.topics, previous: base.segments)
        } catch {
            writeLock.withLock { changedDuringRefit = nil }
            if case SegmentError.tooFewUsers = error { return false }
            throw error
        }
        return try writeLock.withLock {
            let changed = changedDuringRefit ?? []
            changedDuringRefit = nil
            var next = try snapshot()
            var model = fitted.model
            for user in changed where next.profiles[user] == nil { model.remove(user: user) }
            _ = try pipeline.segmentation.reassign(changed.sorted().compactMap { next.profiles[$0] }, in: &model)
            if let changes = fitted.changes { pipeline.log(changes) }
            next.segments = model
            for (user, context) in next.recommender.contexts {
                next.recommender.observe(
                    user: user, items: [], profile: context.profile, segment: next.segments.membership(of: user))
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
    /// or with a changed text), when users were deleted since (their interactions leave the generators),
    /// or when the interactions ingested since its fit reach `share` of those it was fitted on, so new
    /// items get recommended and the collaborative generators learn from new events; `true` when it refitted.
    ///
    /// The inputs are read under the write lock, the fit runs without it, so events keep flowing; then,
    /// under the lock, the users who sent interactions meanwhile get their contexts rebuilt from their
    /// stored histories (deleted ones are dropped), every context takes the current profile and segment,
    /// and the new recommender is published.
    func refitRecommenderIfStale(share: Double, interval: Duration) throws -> Bool {
        let start = try writeLock.withLock {
            () -> (inputs: RecommenderInputs, parameters: HybridParameters, counted: Snapshot)? in
            guard changedDuringRecommenderFit == nil, let base = readLock.withLock({ current }),
                ContinuousClock.now - base.recommenderFittedAt >= interval
            else { return nil }
            let interactions = base.recommender.matrix.userItems.reduce(0) { $0 + $1.count }
            guard
                base.itemsEmbeddedSinceFit > 0 || base.usersDeletedSinceFit > 0
                    || (base.interactionsSinceFit > 0
                        && Double(base.interactionsSinceFit) >= share * Double(interactions))
            else { return nil }
            changedDuringRecommenderFit = []
            pipeline.log(
                "refitting the recommender: \(base.itemsEmbeddedSinceFit) items embedded, "
                    + "\(base.interactionsSinceFit) interactions ingested and \(base.usersDeletedSinceFit) users deleted since the last fit"
            )
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
                fitted.observe(user: user, items: try storedInteractions(of: user), profile: nil, segment: nil)
            }
            // Every user keeps a context with their current layers and segment, also those without interactions.
            for user in Set(fitted.contexts.keys).union(next.profiles.keys) {
                fitted.observe(
                    user: user, items: [], profile: next.profiles[user], segment: next.segments.membership(of: user))
            }
            next.recommender = fitted
            next.recommenderFittedAt = start.counted.recommenderFittedAt
            // What arrived during the fit is in the contexts but not in the fitted generators or catalog.
            next.interactionsSinceFit -= start.counted.interactionsSinceFit
            next.itemsEmbeddedSinceFit -= start.counted.itemsEmbeddedSinceFit
            next.usersDeletedSinceFit -= start.counted.usersDeletedSinceFit
            publish(next, changing: nil)
            return true
        }
    }
}

extension ServingState {
    /// Brings `users` up to date with events another process stored in the shared database: their
    /// histories are read again, their profiles rebuilt (as the other process built them), reassigned to
    /// segments and given to the recommender, then published.
    func refresh(users: [String]) throws {
        try writeLock.withLock {
            guard var next = readLock.withLock({ current }) else { return }
            let fresh = try users.sorted().map { user in
                histories[user] = nil
                return next.builder.profile(
                    user: user, history: try updatedHistory(of: user, adding: [], builder: next.builder))
            }
            changedDuringRefit?.formUnion(users)
            changedDuringRecommenderFit?.formUnion(users)
            _ = try pipeline.segmentation.reassign(fresh, in: &next.segments)
            for profile in fresh {
                next.profiles[profile.user] = profile
                next.recommender.forget(user: profile.user)
                next.recommender.observe(
                    user: profile.user, items: try storedInteractions(of: profile.user), profile: profile,
                    segment: next.segments.membership(of: profile.user))
            }
            publish(next, changing: Set(users))
        }
    }

    /// Whether the store answers now; always for a store of this machine, asked for a shared one.
    func storeIsReachable() -> Bool {
        (pipeline.store as? any SharedStore)?.isReachable() ?? true
    }

    /// The items of `user`'s stored interactions, in time order.
    private func storedInteractions(of user: String) throws -> [String] {
        try pipeline.store.events(ofUser: user).filter(\.type.isInteraction)
            .sorted { ($0.timestamp, $0.itemID) < ($1.timestamp, $1.itemID) }.map(\.itemID)
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

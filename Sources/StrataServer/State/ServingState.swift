import Foundation
import StrataCore
import StrataPipeline
import StrataStore

/// What the server answers from: the topics, a profile builder over them and every user's profile in
/// memory, kept in step with the store.
///
/// Writes (events, items, deletions) run one at a time on the pipeline; each publishes its result under
/// one lock only after the store holds it, so a read sees a whole batch or none of it.
final class ServingState: @unchecked Sendable {
    /// The pipeline; touched only while holding `writeLock`.
    private let pipeline: Pipeline
    private let writeLock = NSLock()
    private let readLock = NSLock()
    // Guarded by `readLock`:
    private var topicModel: TopicModel?
    private var builder: ProfileBuilder?
    private var profiles: [String: UserProfile] = [:]
    let segments: (any SegmentSource)?

    init(pipeline: Pipeline, segments: (any SegmentSource)?) {
        self.pipeline = pipeline
        self.segments = segments
    }

    /// Whether `prepare()` has finished.
    var isReady: Bool { readLock.withLock { builder != nil } }

    /// Computes the stages that are missing or stale (embeddings, topics, profiles) and loads them.
    func prepare() throws {
        try writeLock.withLock {
            try pipeline.ensureProfiles()
            let builder = try pipeline.profileBuilder()
            let stored = try pipeline.store.profiles()
            pipeline.log("serving \(stored.count) profiles over \(builder.topics.fine.count) topics")
            readLock.withLock {
                self.topicModel = builder.topics
                self.builder = builder
                self.profiles = Dictionary(stored.map { ($0.user, $0) }) { $1 }
            }
        }
    }

    /// The topics being served.
    func topics() throws -> TopicModel {
        guard let topicModel = readLock.withLock({ topicModel }) else { throw notReady }
        return topicModel
    }

    /// The current profile of `user`, `nil` for an unknown user.
    func profile(user: String) throws -> UserProfile? {
        try readLock.withLock {
            guard builder != nil else { throw notReady }
            return profiles[user]
        }
    }

    /// Stores `events` and publishes the fresh profiles of the users they touch.
    func ingest(_ events: [Event]) throws -> [UserProfile] {
        try writeLock.withLock {
            guard let builder = readLock.withLock({ builder }) else { throw notReady }
            let fresh: [UserProfile]
            do {
                fresh = try pipeline.applyEvents(events, builder: builder)
            } catch let error as PipelineError {
                throw APIError(.unprocessableContent, error.description)
            }
            try segments?.update(profiles: fresh)
            readLock.withLock {
                for profile in fresh { profiles[profile.user] = profile }
            }
            return fresh
        }
    }

    /// Stores `items` (one transaction), embeds new or changed texts, gives new items their nearest
    /// topics and publishes the builder that knows them.
    func upsert(_ items: [Item]) throws -> ItemUpsertSummary {
        try writeLock.withLock {
            guard isReady else { throw notReady }
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
            let builder = try pipeline.profileBuilder()
            readLock.withLock {
                self.topicModel = builder.topics
                self.builder = builder
            }
            return summary
        }
    }

    /// Deletes `user` and everything derived from them; `false` when unknown.
    func deleteUser(_ user: String) throws -> Bool {
        try writeLock.withLock {
            guard isReady else { throw notReady }
            let deleted = try pipeline.store.deleteUser(user)
            try segments?.remove(user: user)
            readLock.withLock { _ = profiles.removeValue(forKey: user) }
            return deleted
        }
    }

    /// Called once the server stopped taking requests: every profile is current, so say so in the store.
    func finish() throws {
        try writeLock.withLock {
            guard isReady else { return }
            try pipeline.recordProfilesCurrent()
        }
    }

    private var notReady: APIError { APIError(.serviceUnavailable, "the server is still computing its stages; see /healthz") }
}

/// What `PUT /v1/items` did.
struct ItemUpsertSummary: Codable, Equatable {
    var inserted = 0
    var updated = 0
    var unchanged = 0
    /// Items whose text was embedded (new or changed).
    var embedded = 0
}

import Foundation
import StrataCore
import StrataPipeline
import StrataRecommend
import StrataStore
import Synchronization

/// What the server answers from, kept in step with the store: topics and a profile builder over them,
/// the users' profiles (every user's, or a bounded cache of them read from the store on a miss), the
/// deep-layer segments and the fitted recommender.
///
/// Three concerns, one file each: the published snapshot and the answers given from it (`Snapshots`),
/// the writes (`Ingest.swift`, `Edits.swift`) and the refits (`Refits.swift`). Writes run one at a time
/// holding `writer`, the only way to the pipeline; each builds the next `Snapshot` and publishes it only
/// after the store holds what it acknowledges, so a read sees a whole batch or none of it. Reads take
/// the current snapshot and work on it unlocked.
final class ServingState: Sendable {
    /// The published snapshot and the answers given from it.
    let snapshots: Snapshots
    /// The pipeline and what writes remember between them; one write at a time.
    let writer: Mutex<Writer>
    /// Event batches waiting for `writer` (`ingest`).
    let queue = Mutex(IngestQueue())
    /// The pipeline's fit locks and health check, which must not wait behind a write.
    let locks: StoreLocks
    /// Which of a user's items are never recommended back to them.
    let excludeSeen: SeenExclusion

    /// A state over `pipeline`'s store serving every user's profile from memory, or with `userCacheSize`
    /// the profiles of that many users, the least recently used leaving for the next one read from the
    /// store (the writer's histories are bounded alike).
    init(
        pipeline: sending Pipeline, answerCacheSize: Int, userCacheSize: Int? = nil,
        excludeSeen: SeenExclusion = .interacted
    ) {
        locks = pipeline.locks
        self.excludeSeen = excludeSeen
        snapshots = Snapshots(answerCacheSize: answerCacheSize, userCacheSize: userCacheSize)
        writer = Mutex(Writer(pipeline: pipeline, historyLimit: userCacheSize ?? .max))
    }

    /// Whether `prepare()` has finished.
    var isReady: Bool { snapshots.current != nil }

    /// The snapshot to answer a read from.
    func snapshot() throws -> Snapshot {
        guard let snapshot = snapshots.current else { throw Self.notReady }
        return snapshot
    }

    private static let notReady = APIError(
        .serviceUnavailable, "the server is still computing its stages; see /healthz")

    /// The current snapshot and `user`'s profile when it is kept (it becomes the most recently used).
    func keptProfile(of user: String) throws -> (snapshot: Snapshot, profile: UserProfile?) {
        guard let read = snapshots.read(user) else { throw Self.notReady }
        return read
    }

    /// The current snapshot and `user`'s stored profile, kept from then on; `nil` when they have none.
    /// Waits for the writer, so the profile read is the one the snapshot serves; for a user whose
    /// profile is not kept (`keptProfile`) while not every profile is (`Snapshots.holdsEveryProfile`).
    func storedProfile(of user: String) throws -> (snapshot: Snapshot, profile: UserProfile)? {
        try writer.withLock { writer in
            guard let profile = try writer.pipeline.storedProfile(of: user) else { return nil }
            snapshots.admit(profile)
            return (try snapshot(), profile)
        }
    }

    /// Computes the stages that are missing or stale (embeddings, topics, profiles, segments, the
    /// recommender) and loads them.
    func prepare() throws {
        try writer.withLock { writer in
            let pipeline = writer.pipeline
            if let shared = pipeline.sharedStore {
                writer.segmentFitNumber = try shared.segmentFitNumber(layer: .deep)
            }
            // One copy of the catalog's vectors and topics, shared by the builder and the recommender.
            let catalog = try pipeline.catalog()
            try pipeline.ensureProfiles(catalog)
            let builder = pipeline.profileBuilder(catalog)
            let segments = try writer.deepSegments(catalog: catalog)
            // The contexts carry no profiles: a request takes the served one (`StrataServer.servedProfile`).
            var recommender = try pipeline.recommender(excludeSeen: excludeSeen, catalog: catalog, profiles: [])
            recommender.keepUserStates()
            let attributes = try pipeline.usersWithAttributes()
            let embedder = try pipeline.embedder()
            let stored = snapshots.holdsEveryProfile ? try pipeline.storedProfiles() : []
            pipeline.log(
                snapshots.holdsEveryProfile
                    ? "serving \(stored.count) profiles over \(builder.topics.fine.count) topics in \(segments.segments.count) segments"
                    : "serving profiles from the store through a cache of \(writer.historyLimit) users, over \(builder.topics.fine.count) topics in \(segments.segments.count) segments"
            )
            snapshots.publish(
                Snapshot(
                    builder: builder, segments: segments, recommender: recommender,
                    userAttributes: Dictionary(attributes.map { ($0.id, $0.attributes) }) { $1 },
                    embedder: embedder), changing: nil, profiles: stored)
        }
    }

    /// Called once the server stopped taking requests: every profile and the segments are current, so
    /// store them as such.
    func finish() throws {
        try writer.withLock { writer in
            guard let last = snapshots.current else { return }
            try writer.pipeline.recordProfilesCurrent()
            try writer.pipeline.saveSegments(last.segments)
        }
    }

    /// Whether the store answers now; always for a store of this machine, asked for a shared one.
    func storeIsReachable() -> Bool {
        locks.storeIsReachable()
    }
}

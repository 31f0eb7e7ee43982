import Foundation
import StrataCore
import StrataPipeline
import StrataRecommend
import StrataStore
import Synchronization

/// What the server answers from, kept in step with the store: topics and a profile builder over them,
/// every user's profile, the deep-layer segments and the fitted recommender.
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

    init(pipeline: sending Pipeline, answerCacheSize: Int, excludeSeen: SeenExclusion = .interacted) {
        locks = pipeline.locks
        self.excludeSeen = excludeSeen
        snapshots = Snapshots(answerCacheSize: answerCacheSize)
        writer = Mutex(Writer(pipeline: pipeline))
    }

    /// Whether `prepare()` has finished.
    var isReady: Bool { snapshots.current != nil }

    /// The snapshot to answer a read from.
    func snapshot() throws -> Snapshot {
        guard let snapshot = snapshots.current else {
            throw APIError(.serviceUnavailable, "the server is still computing its stages; see /healthz")
        }
        return snapshot
    }

    /// Computes the stages that are missing or stale (embeddings, topics, profiles, segments, the
    /// recommender) and loads them.
    func prepare() throws {
        try writer.withLock { writer in
            let pipeline = writer.pipeline
            if let shared = pipeline.sharedStore {
                writer.segmentFitNumber = try shared.segmentFitNumber(layer: .deep)
            }
            try pipeline.ensureProfiles()
            // One copy of the catalog's vectors and topics, shared by the builder and the recommender.
            let vectors = try pipeline.itemVectors()
            let topics = try pipeline.topics(vectors: vectors)
            let builder = try pipeline.profileBuilder(topics: topics, vectors: vectors)
            let segments = try writer.deepSegments()
            // The profiles served are the ones the recommender's contexts hold: one copy, not two.
            let stored = try pipeline.storedProfiles()
            var recommender = try pipeline.recommender(
                excludeSeen: excludeSeen, vectors: vectors, topics: topics, profiles: stored)
            recommender.keepUserStates()
            let attributes = try pipeline.usersWithAttributes()
            let embedder = try pipeline.embedder()
            pipeline.log(
                "serving \(stored.count) profiles over \(builder.topics.fine.count) topics in \(segments.segments.count) segments"
            )
            snapshots.publish(
                Snapshot(
                    builder: builder, profiles: Dictionary(stored.map { ($0.user, $0) }) { $1 }, segments: segments,
                    recommender: recommender,
                    userAttributes: Dictionary(attributes.map { ($0.id, $0.attributes) }) { $1 },
                    embedder: embedder), changing: nil)
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

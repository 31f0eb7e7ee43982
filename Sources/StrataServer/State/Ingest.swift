import StrataCore
import StrataPipeline

/// Event batches waiting for the writer, and the results of those applied for callers that have not
/// taken them yet.
struct IngestQueue {
    /// A waiting batch, numbered so its caller finds its result.
    struct Batch {
        let id: Int
        let events: [Event]
    }

    private var nextID = 0
    private var waiting = [Batch]()
    private var results = [Int: Result<[UserProfile], any Error>]()

    /// Queues `events`; returns the batch's number.
    mutating func add(_ events: [Event]) -> Int {
        nextID += 1
        waiting.append(Batch(id: nextID, events: events))
        return nextID
    }

    /// The waiting batches, removed from the queue.
    mutating func takeWaiting() -> [Batch] {
        defer { waiting.removeAll() }
        return waiting
    }

    /// Leaves the results of batches applied by another caller for theirs to take.
    mutating func leave(_ applied: [Int: Result<[UserProfile], any Error>]) {
        results.merge(applied) { $1 }
    }

    /// The result of batch `id`, removed, when another caller applied it.
    mutating func takeResult(of id: Int) -> Result<[UserProfile], any Error>? {
        results.removeValue(forKey: id)
    }
}

extension ServingState {
    /// Stores `events` and publishes the fresh profiles of the users they touch, their segments and
    /// their recommendation contexts; returns those profiles.
    ///
    /// Batches that arrive while another is being applied wait together and are then applied as one
    /// group (one transaction, one publication) by whichever of their callers takes the writer first,
    /// each still whole or not at all: a batch with an unknown item is refused on its own. A profile is
    /// rebuilt from the user's history kept in memory (the new events added to it), which gives what
    /// `ProfileBuilder.profile` gives from their stored events, without reading them again.
    func ingest(_ events: [Event]) throws -> [UserProfile] {
        let id = queue.withLock { $0.add(events) }
        return try writer.withLock { writer in
            // Queued before the writer was taken: whoever held it since applied the batch, or it still waits.
            if let result = queue.withLock({ $0.takeResult(of: id) }) { return try result.get() }
            var results = apply(queue.withLock { $0.takeWaiting() }, with: &writer)
            let mine = results.removeValue(forKey: id)
            queue.withLock { $0.leave(results) }
            guard let mine else { throw APIError(.internalServerError, "batch \(id) was not applied") }
            return try mine.get()
        }
    }

    /// Applies `group` and returns each batch's result.
    private func apply(_ group: [IngestQueue.Batch], with writer: inout Writer)
        -> [Int: Result<[UserProfile], any Error>]
    {
        var results = [Int: Result<[UserProfile], any Error>]()
        do {
            var next = try snapshot()
            var accepted = [IngestQueue.Batch]()
            for batch in group {
                do {
                    try writer.pipeline.checkItems(of: batch.events, builder: next.builder)
                    accepted.append(batch)
                } catch let error as PipelineError {
                    results[batch.id] = .failure(APIError(.unprocessableContent, error.description))
                }
            }
            guard !accepted.isEmpty else { return results }
            let ingested = try writer.pipeline.ingest(
                accepted.flatMap(\.events), builder: next.builder, histories: &writer.histories)
            writer.noteChanged(ingested.users, for: [.segments])
            try writer.pipeline.reassign(ingested.profiles, in: &next.segments)
            next.interactionsSinceFit += ingested.interactionCount
            writer.noteChanged(ingested.interactions.keys, for: [.recommender])
            next.recommender.observe(ingested, segments: next.segments)
            snapshots.publish(next, changing: Set(ingested.users), profiles: ingested.profiles)
            let byUser = Dictionary(uniqueKeysWithValues: ingested.profiles.map { ($0.user, $0) })
            for batch in accepted {
                results[batch.id] = .success(Set(batch.events.map(\.userID)).sorted().compactMap { byUser[$0] })
            }
        } catch {
            for batch in group where results[batch.id] == nil { results[batch.id] = .failure(error) }
        }
        return results
    }

    /// Brings `users` up to date with events another process stored in the shared database: their
    /// histories are read again, their profiles rebuilt (as the other process built them), reassigned to
    /// segments and given to the recommender, then published.
    func refresh(users: [String]) throws {
        try writer.withLock { writer in
            guard var next = snapshots.current else { return }
            let reread = try writer.pipeline.reread(users: users, builder: next.builder, histories: &writer.histories)
            writer.noteChanged(users)
            try writer.pipeline.reassign(reread.profiles, in: &next.segments)
            next.recommender.observe(reread, segments: next.segments)
            snapshots.publish(next, changing: Set(users), profiles: reread.profiles)
        }
    }
}

import StrataCore
import StrataPipeline
import StrataStore

extension ServingState {
    /// Stores `items` (one transaction), embeds new or changed texts, gives new items their nearest
    /// topics and publishes the builder that knows them (`Pipeline.builder(_:knowing:)`: the request's
    /// items, without reloading the catalog's vectors). (The recommender keeps the catalog it was
    /// fitted on until the background task refits it: `refitRecommenderIfStale`.)
    func upsert(_ items: [Item]) throws -> ItemUpsertSummary {
        try writer.withLock { writer in
            var next = try snapshot()
            var summary = ItemUpsertSummary()
            for outcome in try writer.pipeline.upsertItems(items) {
                switch outcome {
                case .inserted: summary.inserted += 1
                case .updated: summary.updated += 1
                case .unchanged: summary.unchanged += 1
                }
            }
            (next.builder, summary.embedded) = try writer.pipeline.builder(next.builder, knowing: items)
            next.itemsEmbeddedSinceFit += summary.embedded
            writer.histories.removeAll()  // they name items by the old builder's ranks
            snapshots.publish(next, changing: [])
            return summary
        }
    }

    /// Deletes `user` and everything derived from them (`Pipeline.forget`); `false` when unknown. The
    /// recommender's generators still carry their interactions until its next fit, which a deletion
    /// makes due (`refitRecommenderIfStale`).
    func deleteUser(_ user: String) throws -> Bool {
        try writer.withLock { writer in
            var next = try snapshot()
            let deleted = try writer.pipeline.forget(user: user)
            if deleted { next.usersDeletedSinceFit += 1 }
            next.segments.remove(user: user)
            next.recommender.forget(user: user)
            next.userAttributes[user] = nil
            writer.histories.forget(user)
            writer.noteChanged([user])
            snapshots.publish(next, changing: [user], removing: [user])
            return deleted
        }
    }
}

/// What `PUT /v1/items` did.
struct ItemUpsertSummary: Codable, Equatable, Sendable {
    var inserted = 0
    var updated = 0
    var unchanged = 0
    /// Items whose text was embedded (new or changed).
    var embedded = 0
}

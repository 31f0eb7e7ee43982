import Foundation
import Hummingbird

extension StrataServer {
    /// `POST /v1/events` and `PUT /v1/items`: batches, each stored in one transaction.
    func addIngestRoutes(to router: some RouterMethods<BasicRequestContext>) {
        router.post("/v1/events") { request, _ -> Response in
            let batch = try await JSONResponse.decode(
                EventBatch.self, from: request, limit: self.configuration.maxBodyBytes)
            try self.checkBatch(batch.events.count, of: "events")
            let now = Int64(Date().timeIntervalSince1970)
            let events = try batch.events.enumerated().map {
                try self.configuration.userIDs.stored($1.event(at: $0, now: now))
            }
            let state = self.state
            let profiles = try await Self.blocking { try state.ingest(events) }
            self.metrics.eventsIngested.increment(by: Int64(events.count))
            return try JSONResponse.make(["accepted": events.count, "users_updated": profiles.count])
        }
        router.put("/v1/items") { request, _ -> Response in
            let batch = try await JSONResponse.decode(
                ItemBatch.self, from: request, limit: self.configuration.maxBodyBytes)
            try self.checkBatch(batch.items.count, of: "items")
            let items = try batch.items.enumerated().map { try $1.item(at: $0) }
            guard Set(items.map(\.id)).count == items.count else {
                throw APIError.badRequest("items: an item_id appears twice in one batch")
            }
            let state = self.state
            let summary = try await Self.blocking { try state.upsert(items) }
            self.metrics.itemsUpserted.increment(by: Int64(summary.inserted + summary.updated))
            return try JSONResponse.make(summary)
        }
    }

    func checkBatch(_ count: Int, of what: String) throws {
        guard count > 0 else { throw APIError.badRequest("\(what): the batch is empty") }
        guard count <= configuration.maxBatch else {
            throw APIError(
                .contentTooLarge, "\(what): \(count) in one batch, at most \(configuration.maxBatch) allowed")
        }
    }
}

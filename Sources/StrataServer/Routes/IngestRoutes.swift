import Foundation
import Hummingbird
import StrataCore
import StrataWire

extension StrataServer {
    /// `POST /v1/events` and `PUT /v1/items`: batches, each stored in one transaction.
    func addIngestRoutes(to router: some RouterMethods<BasicRequestContext>) {
        router.post("/v1/events") { request, _ -> Response in
            let batch = try await JSONResponse.decode(
                EventBatch.self, from: request, limit: self.configuration.maxBodyBytes)
            try self.checkBatch(batch.events.count, of: "events")
            let now = Int64(Date().timeIntervalSince1970)
            let events: [Event]
            do throws(RequestBodyError) {
                events = try batch.validatedEvents(now: now).map(self.configuration.userIDs.stored)
            } catch {
                throw APIError(error)
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
            let items: [Item]
            do throws(RequestBodyError) {
                items = try batch.validatedItems()
            } catch {
                throw APIError(error)
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

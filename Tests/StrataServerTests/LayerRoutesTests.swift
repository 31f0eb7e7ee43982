import Foundation
import StrataCore
import StrataEvaluation
import StrataPipeline
import StrataSQLite
import Testing

/// How a user's layers moved (`/v1/users/{id}/layers/history`) and the store's layer evaluation
/// (`/v1/evaluation/layers`), which the dashboard draws.
@Suite struct LayerRoutesTests {
    /// A copy of the test store on which the layer evaluation ran and kept its (default) settings.
    static func evaluatedStore() throws -> (database: URL, report: LayerReport) {
        let database = try TestStore.copy()
        let store = try SQLiteStore(path: database.path)
        let pipeline = try TestStore.pipeline(store)
        var events = [Event]()
        try store.forEachEvent { if $0.type.isInteraction { events.append($0) } }
        let report = try LayerEvaluation(
            events: events, builder: try pipeline.profileBuilder(try pipeline.catalog()),
            topics: try pipeline.catalog().topics
        ).run()
        try pipeline.saveLayerSettings(ProfileConfiguration(), report: report)
        return (database, report)
    }

    @Test func theHistoryEndsAtTheServedProfileAndGrowsWithTheEvents() async throws {
        try await RunningServer().serving { server async throws in
            let answer = try await server.request(.GET, "/v1/users/u1824/layers/history?points=4")
            #expect(answer.status == 200, "\(answer.text)")
            let points = try #require(answer.json["points"] as? [[String: Any]])
            #expect(points.count == 4)
            let counts = points.compactMap { $0["event_count"] as? Int }
            #expect(counts == counts.sorted() && Set(counts).count == 4, "\(counts)")
            // The last cut is the whole history: the profile the server serves.
            let served = try await server.request(.GET, "/v1/users/u1824/profile").json
            #expect(counts.last == served["event_count"] as? Int)
            let labels = { (profile: [String: Any]) in
                ((profile["layers"] as? [String: Any])?["middle"] as? [[String: Any]] ?? []).compactMap {
                    $0["label"] as? String
                }
            }
            let last = try #require(points.last)
            #expect(!labels(served).isEmpty && labels(last) == labels(served))

            #expect(try await server.request(.GET, "/v1/users/u1824/layers/history?points=1").status == 400)
            let unknown = try await server.request(.GET, "/v1/users/nobody/layers/history")
            #expect(unknown.status == 404 && unknown.errorMessage?.contains("nobody") == true)
        }
    }

    @Test func theEvaluationIsServedOnceTheStoreHasOne() async throws {
        try await RunningServer().serving { server async throws in
            let missing = try await server.request(.GET, "/v1/evaluation/layers")
            #expect(missing.status == 404 && missing.errorMessage?.contains("strata evaluate --layers") == true)
        }
        let (database, report) = try Self.evaluatedStore()
        try await RunningServer(database: database).serving { server async throws in
            let answer = try await server.request(.GET, "/v1/evaluation/layers")
            #expect(answer.status == 200, "\(answer.text)")
            let rows = try #require(answer.json["rows"] as? [[String: Any]])
            #expect(rows.count == report.rows.count && !rows.isEmpty)
            for (row, expected) in zip(rows, report.rows) {
                #expect(row["predictor"] as? String == expected.predictor)
                #expect(abs((row["precision"] as? Double ?? -1) - expected.precisionAtK) < 1e-12)
            }
            #expect((answer.json["settings"] as? [String: Any])?["surface_size"] as? Int == 20)
        }
    }
}

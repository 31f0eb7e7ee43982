import Foundation
import StrataPostgres
import StrataTestSupport
import Testing

/// Two servers on one PostgreSQL database (`TestPostgres`): when both find the segments due for a refit,
/// one fits and stores them, the other serves what it stored.
@Suite struct SharedRefitTests {
    let key = RunningServer.key

    @Test func oneOfTwoServersFitsTheSegmentsAndTheOtherServesThem() async throws {
        let url = try TestStore.postgresCopy()
        // With a refit threshold of 0 both background tasks (every 50 ms) find a refit due after any move.
        try await RunningServer(refitDrift: 0, postgres: url).serving { (first) async throws in
            try await RunningServer(refitDrift: 0, postgres: url).serving { (second) async throws in
                // As in `aUserWhoseTastesMoveChangesSegmentAndTheSegmentsAreRefitted`: u1824 moves to another segment.
                let user = "u1824"
                let from = try #require(
                    try await first.request(.GET, "/v1/users/\(user)/recommendations").json["segment"] as? Int)
                let segments = try await first.request(.GET, "/v1/segments").json["segments"] as? [[String: Any]] ?? []
                let target = try #require(segments.first { $0["id"] as? Int != from })
                let items = (target["representative_items"] as? [[String: Any]] ?? []).compactMap {
                    $0["item_id"] as? String
                }
                try #require(!items.isEmpty)
                let events = (0 ..< 200).map { i in
                    [
                        "user_id": user, "item_id": items[i % items.count], "event": "purchase",
                        "timestamp": 1_704_600_000 + i * 600
                    ] as [String: Any]
                }
                #expect(try await first.request(.POST, "/v1/events", body: ["events": events], key: key).status == 200)

                let store = try PostgresStore(url: url)
                let settled = try await eventually(every: .milliseconds(200)) { () async throws -> (Int, Int, Int)? in
                    let fits = (try await refits(first), try await refits(second))
                    let stored = try store.segmentFitNumber(layer: .deep)
                    guard stored >= 1, fits.0 + fits.1 == stored else { return nil }
                    let model = try #require(try store.segmentModel(layer: .deep))
                    let expected = model.segments.map { [$0.id, $0.size] }.sorted { $0.lexicographicallyPrecedes($1) }
                    for server in [first, second] {
                        let served =
                            try await server.request(.GET, "/v1/segments").json["segments"] as? [[String: Any]] ?? []
                        let shape = served.map { [$0["id"] as? Int ?? -1, $0["size"] as? Int ?? -1] }
                            .sorted { $0.lexicographicallyPrecedes($1) }
                        guard shape == expected else { return nil }
                    }
                    return (fits.0, fits.1, stored)
                }
                let (firstFits, secondFits, stored) = try #require(
                    settled, "the servers did not settle on the stored fit")
                // Every fit was stored once, by the one server that made it; the other served it without fitting.
                #expect(firstFits + secondFits == stored)
                #expect(firstFits == 0 || secondFits == 0, "both fitted: \(firstFits) and \(secondFits)")
                #expect(
                    try await second.request(.GET, "/v1/users/\(user)/recommendations").json["segment"] as? Int != from)
            }
        }
    }

    /// The server's count of segment refits, from `/metrics`.
    func refits(_ server: RunningServer) async throws -> Int {
        let metrics = try await server.request(.GET, "/metrics").text
        let line = metrics.split(separator: "\n").first { $0.hasPrefix("strata_segment_refits_total ") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }
}

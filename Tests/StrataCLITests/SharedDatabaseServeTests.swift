import Foundation
import StrataTestSupport
import Testing

/// Two `strata serve` processes on one PostgreSQL database (`TestPostgres`): events posted to either
/// reach the other's profiles through LISTEN/NOTIFY.
extension ServeCommandTests {
    @Test func twoServersOnOneDatabaseSeeEachOthersEvents() async throws {
        let url = try await importedPostgres()

        // The first computes the stages; the second starts once they are stored and only loads them.
        let (first, firstPort, firstLog) = try await serve(url, environment: ["STRATA_API_KEYS": key])
        defer { if first.isRunning { first.terminate() } }
        #expect(try await becomesReady(firstPort), "\(firstLog.text)")
        let (second, secondPort, secondLog) = try await serve(url, environment: ["STRATA_API_KEYS": key])
        defer { if second.isRunning { second.terminate() } }
        #expect(try await becomesReady(secondPort), "\(secondLog.text)")

        for (from, to, user) in [(firstPort, secondPort, "shared-a"), (secondPort, firstPort, "shared-b")] {
            #expect(try await get(to, "/v1/users/\(user)/profile") == 404)
            let batch = (1 ... 5).map { n in
                #"{"user_id": "\#(user)", "item_id": "i\#(String(format: "%03d", n))", "event": "view", "timestamp": \#(1_705_000_000 + n)}"#
            }
            #expect(try await post(from, "/v1/events", body: #"{"events": [\#(batch.joined(separator: ","))]}"#) == 200)
            // How soon is measured by `make bench-serve`; here only that it arrives (see `eventually`).
            let arrived = try await eventually(every: .milliseconds(100)) {
                try await get(to, "/v1/users/\(user)/profile") == 200 ? true : nil
            }
            #expect(
                arrived == true,
                "\(user)'s profile did not reach the other server:\n\(firstLog.text)\n\(secondLog.text)")
        }
        for process in [first, second] {
            kill(process.processIdentifier, SIGTERM)
            await process.exit()
            #expect(process.terminationStatus == 0)
        }
    }
}

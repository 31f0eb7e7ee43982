import Foundation
import StrataStore
import StrataTestSupport
import Testing

/// Two servers on one PostgreSQL database that restarts between two posts: the listening connection
/// breaks, and once back the other server reads the events it was not notified of.
@Suite struct MissedNotificationTests {
    let key = RunningServer.key

    @Test func aServerCatchesUpOnEventsStoredWhileItWasNotListening() async throws {
        let postgres = try TestPostgres.dedicated()
        defer { try? postgres.stop() }
        let url = try TestStore.postgresCopy(on: postgres)
        let first = try await RunningServer(postgres: url)
        defer { Task { await first.stop() } }
        let second = try await RunningServer(postgres: url)
        defer { Task { await second.stop() } }

        for (round, user) in ["before-restart", "after-restart"].enumerated() {
            if round == 1 {
                try postgres.stop()
                try postgres.start()
            }
            let events = (1 ... 3).map { n in
                ["user_id": user, "item_id": "i00\(n)", "event": "view", "timestamp": 1_705_000_000 + n]
                    as [String: Any]
            }
            // Right after the restart the first server may answer 503 until it has reconnected.
            let posted = try await eventually(every: .milliseconds(100)) {
                try await first.request(.POST, "/v1/events", body: ["events": events], key: key).status == 200
                    ? true : nil
            }
            #expect(posted == true)
            let profile = try await eventually(every: .milliseconds(100)) {
                let answer = try await second.request(.GET, "/v1/users/\(user)/profile")
                return answer.status == 200 ? answer.json : nil
            }
            #expect(profile?["event_count"] as? Int == 3, "\(user)'s profile did not reach the other server")
        }
    }
}

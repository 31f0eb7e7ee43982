import Foundation
import StrataTestSupport
import Testing

@testable import StrataPostgres

/// Two servers on one PostgreSQL database; the second connects as a role of its own, so the test can
/// shut it out: while its connections are ended and it cannot log in again, it listens to nothing, so
/// an event posted at the first meanwhile reaches it only through the catch-up on `events.seq` once it
/// is let back in.
@Suite struct MissedNotificationTests {
    let key = RunningServer.key

    @Test func aServerCatchesUpOnEventsStoredWhileItWasNotListening() async throws {
        let postgres = try TestPostgres.dedicated()
        defer { try? postgres.stop() }
        let url = try TestStore.postgresCopy(on: postgres)
        let admin = try PostgresStore(url: url)
        _ = try admin.connections.rows("CREATE ROLE follower LOGIN SUPERUSER")
        try await RunningServer(postgres: url).serving { (first) async throws in
            let follower = url.replacingOccurrences(of: "//strata@", with: "//follower@")
            try await RunningServer(postgres: follower).serving { (second) async throws in
                for (round, user) in ["while-listening", "while-shut-out"].enumerated() {
                    if round == 1 {
                        _ = try admin.connections.rows("ALTER ROLE follower NOLOGIN")
                        let ended = try admin.connections.rows(
                            "SELECT pg_terminate_backend(pid, 60000) FROM pg_stat_activity WHERE usename = 'follower'"
                        ).map { try $0.decode(Bool.self) }
                        #expect(
                            !ended.isEmpty && ended.allSatisfy { $0 },
                            "the second server's connections, listener included")
                    }
                    let events = (1 ... 3).map { n in
                        ["user_id": user, "item_id": "i00\(n)", "event": "view", "timestamp": 1_705_000_000 + n]
                            as [String: Any]
                    }
                    #expect(
                        try await first.request(.POST, "/v1/events", body: ["events": events], key: key).status == 200)
                    if round == 1 {
                        // Stored and notified while the second server had no connection to hear it on.
                        #expect(try await second.request(.GET, "/v1/users/\(user)/profile").status != 200)
                        _ = try admin.connections.rows("ALTER ROLE follower LOGIN")
                    }
                    let profile = try await eventually(every: .milliseconds(100)) {
                        let answer = try await second.request(.GET, "/v1/users/\(user)/profile")
                        return answer.status == 200 ? answer.json : nil
                    }
                    #expect(profile?["event_count"] as? Int == 3, "\(user)'s profile did not reach the other server")
                }
            }
        }
    }
}

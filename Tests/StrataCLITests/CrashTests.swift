import Foundation
import StrataStore
import StrataTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension ServeCommandTests {
    /// `kill -9` at random moments while events stream in, 20 times: every event the server acknowledged
    /// with a 2xx is stored, and the database passes SQLite's integrity check. (The moments are random;
    /// what is asserted holds at any of them.)
    @Test func sigkillLosesNoAcknowledgedEvent() async throws {
        let db = try await importedDatabase()
        defer { try? FileManager.default.removeItem(at: db.deletingLastPathComponent()) }
        var acknowledged = [String: Int]()  // user → events acknowledged
        for round in 0 ..< 20 {
            let (process, port, log) = try await serve(db.path, environment: ["STRATA_API_KEYS": key])
            #expect(try await becomesReady(port), "round \(round): \(log.text)")
            let (firstAcknowledged, signal) = AsyncStream<Void>.makeStream()
            let sender = Task { [self] in
                defer { signal.finish() }
                var acknowledged = [String: Int]()
                for batch in 0... {
                    let user = "crash\(round)-\(batch)"
                    let events = (1 ... 3).map { n in
                        #"{"user_id": "\#(user)", "item_id": "i00\#(n)", "event": "view", "timestamp": \#(1_705_000_000 + n)}"#
                    }
                    guard
                        let status = try? await post(
                            port, "/v1/events", body: #"{"events": [\#(events.joined(separator: ","))]}"#),
                        (200 ..< 300).contains(status)
                    else { break }
                    acknowledged[user] = events.count
                    signal.yield()
                }
                return acknowledged
            }
            // A random moment, but after the round's first acknowledgement, so that every round counts.
            try await Task.sleep(for: .milliseconds(Int.random(in: 0 ... 400)))
            for await _ in firstAcknowledged { break }
            kill(process.processIdentifier, SIGKILL)
            await process.exit()
            acknowledged.merge(await sender.value) { $1 }
        }
        #expect(acknowledged.count >= 20, "every round acknowledged events before its kill")
        let store = try SQLiteStore(path: db.path)
        #expect(try store.integrityCheck() == "ok")
        let lost = try acknowledged.filter { user, count in try store.events(ofUser: user).count != count }
        #expect(lost.isEmpty, "acknowledged but not stored: \(lost.keys.sorted())")
    }
}

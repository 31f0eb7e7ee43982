import Foundation
import StrataPostgres
import StrataSQLite
import StrataTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension ServeCommandTests {
    /// `kill -9` at random moments while events stream in, 10 times: every event the server acknowledged
    /// with a 2xx is stored, and the database passes SQLite's integrity check. (The moments are random;
    /// what is asserted holds at any of them.) The servers keep the default blend (`--no-tune`): each round's
    /// events grow the store, and a search on start-up whenever they grew by half would only slow the rounds.
    @Test func sigkillLosesNoAcknowledgedEvent() async throws {
        let db = try await importedDatabase()
        defer { try? FileManager.default.removeItem(at: db.deletingLastPathComponent()) }
        var acknowledged = [String: Int]()  // user → events acknowledged
        for round in 0 ..< 10 {
            let (process, port, log) = try await serve(
                db.path, options: ["--no-tune"], environment: ["STRATA_API_KEYS": key])
            #expect(try await becomesReady(port), "round \(round): \(log.text)")
            let (firstAcknowledged, signal) = AsyncStream<Void>.makeStream()
            let sender = Task { [self] in await sendEvents(to: port, users: "crash\(round)", acknowledged: signal) }
            // A random moment, but after the round's first acknowledgement, so that every round counts.
            try await Task.sleep(for: .milliseconds(Int.random(in: 0 ... 400)))
            for await _ in firstAcknowledged { break }
            kill(process.processIdentifier, SIGKILL)
            await process.exit()
            acknowledged.merge(await sender.value.acknowledged) { $1 }
        }
        #expect(acknowledged.count >= 10, "every round acknowledged events before its kill")
        let store = try SQLiteStore(path: db.path)
        #expect(try store.integrityCheck() == "ok")
        let lost = try acknowledged.filter { user, count in try store.events(ofUser: user).count != count }
        #expect(lost.isEmpty, "acknowledged but not stored: \(lost.keys.sorted())")
    }

    /// `kill -9` of one of two servers on one PostgreSQL database while events stream into both: every
    /// event acknowledged with a 2xx is stored, and besides them only the batch each sender had in flight
    /// when it stopped (the kill, or the end of the test), whole. The other server goes on taking events
    /// and stops cleanly.
    @Test func sigkillOfOneOfTwoServersOnPostgresLosesNoAcknowledgedEvent() async throws {
        let url = try await importedPostgres()
        let (killed, killedPort, killedLog) = try await serve(url, environment: ["STRATA_API_KEYS": key])
        defer { if killed.isRunning { killed.terminate() } }
        #expect(try await becomesReady(killedPort), "\(killedLog.text)")
        let (survivor, survivorPort, survivorLog) = try await serve(url, environment: ["STRATA_API_KEYS": key])
        defer { if survivor.isRunning { survivor.terminate() } }
        #expect(try await becomesReady(survivorPort), "\(survivorLog.text)")

        let (killedAcknowledged, killedSignal) = AsyncStream<Void>.makeStream()
        let (survivorAcknowledged, survivorSignal) = AsyncStream<Void>.makeStream()
        let toKilled = Task { [self] in
            await sendEvents(to: killedPort, users: "killed", acknowledged: killedSignal)
        }
        let toSurvivor = Task { [self] in
            await sendEvents(to: survivorPort, users: "survivor", acknowledged: survivorSignal)
        }
        // A random moment, after the first acknowledgement.
        try await Task.sleep(for: .milliseconds(Int.random(in: 0 ... 400)))
        for await _ in killedAcknowledged { break }
        kill(killed.processIdentifier, SIGKILL)
        await killed.exit()
        let toKilledSent = await toKilled.value
        // The survivor keeps acknowledging after the kill (the stream holds every acknowledgement so far).
        var survivorCount = 0
        for await _ in survivorAcknowledged {
            survivorCount += 1
            if survivorCount == toKilledSent.acknowledged.count + 10 { break }
        }
        toSurvivor.cancel()
        let toSurvivorSent = await toSurvivor.value

        kill(survivor.processIdentifier, SIGTERM)
        await survivor.exit()
        #expect(survivor.terminationStatus == 0, "\(survivorLog.text)")
        let acknowledged = toKilledSent.acknowledged.merging(toSurvivorSent.acknowledged) { $1 }
        #expect(
            acknowledged.keys.contains { $0.hasPrefix("killed-") }
                && acknowledged.keys.contains { $0.hasPrefix("survivor-") })
        let store = try PostgresStore(url: url)
        let sent = try store.users().map(\.id).filter { $0.hasPrefix("killed-") || $0.hasPrefix("survivor-") }
        let stored = try Dictionary(uniqueKeysWithValues: sent.map { ($0, try store.events(ofUser: $0).count) })
        let lost = acknowledged.filter { user, count in stored[user] != count }
        #expect(lost.isEmpty, "acknowledged but not stored as sent: \(lost.keys.sorted())")
        // Stored without an acknowledgement: only a batch in flight when its sender stopped, and whole.
        let inFlight = Set([toKilledSent.unacknowledged, toSurvivorSent.unacknowledged].compactMap { $0 })
        let unacknowledged = stored.filter { acknowledged[$0.key] == nil }
        #expect(
            Set(unacknowledged.keys).isSubset(of: inFlight) && unacknowledged.values.allSatisfy { $0 == 3 },
            "stored but not acknowledged: \(unacknowledged), in flight: \(inFlight.sorted())")
    }

    /// What `sendEvents` sent: the batches acknowledged (their users with their event counts), and the
    /// user of the batch it sent last without an acknowledgement, if any (in flight when it stopped).
    struct SentEvents {
        var acknowledged = [String: Int]()
        var unacknowledged: String?
    }

    /// Posts batches of three view events, each batch for a new user `prefix-N`, to the server at `port`
    /// until one is refused or fails (say the server died) or the task is cancelled; yields to
    /// `acknowledged` after each batch acknowledged with a 2xx.
    func sendEvents(to port: Int, users prefix: String, acknowledged signal: AsyncStream<Void>.Continuation) async
        -> SentEvents
    {
        defer { signal.finish() }
        var sent = SentEvents()
        for batch in 0... {
            guard !Task.isCancelled else { break }
            let user = "\(prefix)-\(batch)"
            let events = (1 ... 3).map { n in
                #"{"user_id": "\#(user)", "item_id": "i00\#(n)", "event": "view", "timestamp": \#(1_705_000_000 + n)}"#
            }
            guard
                let status = try? await post(
                    port, "/v1/events", body: #"{"events": [\#(events.joined(separator: ","))]}"#),
                (200 ..< 300).contains(status)
            else {
                sent.unacknowledged = user
                break
            }
            sent.acknowledged[user] = events.count
            signal.yield()
        }
        return sent
    }
}

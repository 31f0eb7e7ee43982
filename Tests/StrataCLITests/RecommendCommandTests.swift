import Foundation
import StrataTestSupport
import Testing

/// `strata recommend` and `strata evaluate` on bad input: clear errors, nothing fitted or half-written; and the EASE fit
/// `recommend` keeps beside the database for its next run.
@Suite struct RecommendCommandTests {
    @Test func emptyDatabaseTellsWhatToImport() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("empty.sqlite").path
        let recommend = try await RepositoryPaths.runStrata(["recommend", "--db", db, "--user", "1"])
        #expect(recommend.status != 0)
        #expect(recommend.error.contains("has no items: import a catalog and events first"))
        let evaluate = try await RepositoryPaths.runStrata(["evaluate", "--db", db])
        #expect(evaluate.status != 0)
        #expect(evaluate.error.contains("the database has no events: import some first"))
    }

    @Test func llmRerankingNeedsOneUserAnEndpointAndTheUsersScope() async throws {
        let db = "/nonexistent/strata.sqlite"
        let evaluate = try await RepositoryPaths.runStrata(["evaluate", "--db", db, "--rerank", "llm"])
        #expect(evaluate.status != 0)
        #expect(
            evaluate.error.contains(
                "--rerank llm needs an endpoint (--llm-url or STRATA_LLM_URL) and --llm-scope users"))
        let segmentsScope = try await RepositoryPaths.runStrata([
            "evaluate", "--db", db, "--rerank", "llm", "--llm-url", "http://127.0.0.1:1/v1"
        ])
        #expect(segmentsScope.error.contains("--llm-scope users"))
        let recommend = try await RepositoryPaths.runStrata(["recommend", "--db", db, "--all-users", "--rerank", "llm"])
        #expect(recommend.status != 0)
        #expect(recommend.error.contains("--rerank llm re-ranks the list of one --user ID"))
    }

    @Test func unknownUserAndAbsurdKAreRejected() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("s.sqlite").path
        let items = folder.appendingPathComponent("items.csv")
        let events = folder.appendingPathComponent("events.csv")
        try "item_id,title\ni1,One\ni2,Two\n".write(to: items, atomically: true, encoding: .utf8)
        try "user_id,item_id,event,timestamp\nu1,i1,view,1\n".write(to: events, atomically: true, encoding: .utf8)
        #expect(try await RepositoryPaths.runStrata(["import", "items", items.path, "--db", db]).status == 0)
        #expect(try await RepositoryPaths.runStrata(["import", "events", events.path, "--db", db]).status == 0)
        let unknown = try await RepositoryPaths.runStrata(["recommend", "--db", db, "--user", "nobody"])
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("unknown user 'nobody'"))
        let policy = try await RepositoryPaths.runStrata([
            "recommend", "--db", db, "--user", "u1", "--exclude-seen", "sometimes"
        ])
        #expect(policy.status != 0)
        #expect(
            policy.error.contains("interacted") && policy.error.contains("purchased") && policy.error.contains("none"))
        let more = folder.appendingPathComponent("more.csv")
        try "item_id,title\ni3,Three\n".write(to: more, atomically: true, encoding: .utf8)  // topics need three items
        #expect(try await RepositoryPaths.runStrata(["import", "items", more.path, "--db", db]).status == 0)
        let again = try await RepositoryPaths.runStrata([
            "recommend", "--db", db, "--user", "u1", "-k", "3", "--exclude-seen", "none", "--format", "csv"
        ])
        #expect(again.status == 0)
        #expect(
            again.output.contains("u1,i1,"), "with nothing excluded the user's own item comes back: \(again.output)")
        for k in ["0", "100000"] {
            let run = try await RepositoryPaths.runStrata(["recommend", "--db", db, "--user", "u1", "-k", k])
            #expect(run.status != 0)
            #expect(run.error.contains("-k must be from 1 to 1000"))
        }
        // Every user's lists reach --output whole or not at all: a run that fails keeps the earlier file.
        let output = folder.appendingPathComponent("recs.csv").path
        func everyUser(k: Int) async throws -> ProcessResult {
            try await RepositoryPaths.runStrata([
                "recommend", "--db", db, "--all-users", "-k", "\(k)", "--exclude-seen", "none", "--format", "csv",
                "--output", output
            ])
        }
        #expect(try await everyUser(k: 2).status == 0)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        let rows = written.split(separator: "\n")
        #expect(rows.count == 3 && rows[0] == "user,item,rank" && rows[1].hasPrefix("u1,") && rows[2].hasSuffix(",2"))
        let tooMany = try await everyUser(k: 4)  // passes -k's range check, not the 3-item catalog's
        #expect(tooMany.status != 0)
        #expect(tooMany.error.contains("1 to the catalog size (3)"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == written)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".partial") })
    }

    @Test func aSecondRunReadsTheKeptFitAndANewEventRefitsIt() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("s.sqlite").path
        // The sample's first 40 items and 1,500 events on them: a small catalog embeds quickly.
        let items = folder.appendingPathComponent("items.csv")
        let events = folder.appendingPathComponent("events.csv")
        func lines(_ name: String) throws -> [Substring] {
            try String(contentsOf: RepositoryPaths.root.appendingPathComponent("sample/\(name)"), encoding: .utf8)
                .split(separator: "\n")
        }
        try (lines("items.csv").prefix(41).joined(separator: "\n") + "\n").write(
            to: items, atomically: true, encoding: .utf8)
        let sampleEvents = try lines("events.csv")
        let kept = sampleEvents.dropFirst().filter { $0.split(separator: ",")[1] <= "i040" }.prefix(1500)
        try (([sampleEvents[0]] + kept).joined(separator: "\n") + "\n").write(
            to: events, atomically: true, encoding: .utf8)
        #expect(try await RepositoryPaths.runStrata(["import", "items", items.path, "--db", db]).status == 0)
        #expect(try await RepositoryPaths.runStrata(["import", "events", events.path, "--db", db]).status == 0)
        let cache = URL(fileURLWithPath: db + ".cache")
        func cached() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: cache.path) }

        // The default blend (--no-tune) keeps EASE and ItemKNN; a tuned one keeps what it chose.
        let first = try await RepositoryPaths.runStrata(["recommend", "--db", db, "--user", "u1824", "--no-tune"])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.error.contains("kept the fitted ease weights"))
        #expect(first.error.contains("kept the fitted itemknn data"))
        // One file per kept kind of the default blend: EASE's weights and ItemKNN's neighbour lists.
        let file = try cached().sorted()
        #expect(file.count == 2 && file[0].hasPrefix("ease-") && file[0].hasSuffix(".npy"))
        #expect(file.count == 2 && file[1].hasPrefix("itemknn-") && file[1].hasSuffix(".bin"))
        let second = try await RepositoryPaths.runStrata(["recommend", "--db", db, "--user", "u1824", "--no-tune"])
        #expect(second.error.contains("read the fitted ease weights"))
        #expect(second.error.contains("read the kept itemknn"))
        #expect(!second.error.contains("kept the fitted"))
        #expect(second.output == first.output)

        // A newcomer's purchase changes the interactions EASE is fitted on.
        try "user_id,item_id,event,timestamp\nnewcomer,i001,purchase,1800000000\n".write(
            to: events, atomically: true, encoding: .utf8)
        #expect(try await RepositoryPaths.runStrata(["import", "events", events.path, "--db", db]).status == 0)
        let third = try await RepositoryPaths.runStrata(["recommend", "--db", db, "--user", "u1824", "--no-tune"])
        #expect(!third.error.contains("read the fitted ease weights"))
        #expect(!third.error.contains("read the kept itemknn"))
        let replaced = try cached().sorted()
        #expect(replaced.count == 2 && Set(replaced).isDisjoint(with: file))
    }
}

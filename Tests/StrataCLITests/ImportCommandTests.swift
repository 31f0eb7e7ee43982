import Foundation
import StrataTestSupport
import Testing

/// `strata import` and `strata stats` run as a user runs them: the built binary in a child process.
@Suite struct ImportCommandTests {
    private func stats(_ db: URL) async throws -> [String: Any] {
        let run = try await RepositoryPaths.runStrata(["stats", "--db", db.path, "--json"])
        #expect(run.status == 0, "\(run.error)")
        return try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any] ?? [:]
    }

    @Test func importPrintsAJSONSummaryAndStatsCounts() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("s.sqlite")
        try "item_id,title\ni1,One\ni2,Two\n".write(
            to: folder.appendingPathComponent("items.csv"), atomically: true, encoding: .utf8)
        try "user_id,item_id,event,timestamp\nu1,i1,view,1\nu1,i2,buy,2\nu2,i2,view,3\n"
            .write(to: folder.appendingPathComponent("events.csv"), atomically: true, encoding: .utf8)
        #expect(
            try await RepositoryPaths.runStrata([
                "import", "items", folder.appendingPathComponent("items.csv").path, "--db", db.path
            ]).status == 0)
        let run = try await RepositoryPaths.runStrata([
            "import", "events", folder.appendingPathComponent("events.csv").path,
            "--db", db.path, "--json"
        ])
        #expect(run.status == 0, "\(run.error)")
        let summary = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any] ?? [:]
        #expect(summary["read"] as? Int == 3 && summary["inserted"] as? Int == 3 && summary["users"] as? Int == 2)
        #expect(summary["events"] as? [String: Int] == ["view": 2, "purchase": 1])
        let counts = try await stats(db)
        #expect(counts["users"] as? Int == 2 && counts["items"] as? Int == 2 && counts["events"] as? Int == 3)
    }

    @Test func badRecordExitsNonZeroNamingFileLineAndField() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let events = folder.appendingPathComponent("events.csv")
        try "user_id,item_id,event,timestamp\nu1,i1,view,1\nu1,i1,view,soon\n".write(
            to: events, atomically: true, encoding: .utf8)
        let run = try await RepositoryPaths.runStrata([
            "import", "events", events.path, "--db", folder.appendingPathComponent("s.sqlite").path,
            "--unknown-items", "create"
        ])
        #expect(run.status != 0)
        #expect(
            run.error.contains(
                "events.csv:3: field 'timestamp': expected Unix seconds or an ISO-8601 date-time, found \"soon\""))
        #expect(run.error.contains("Nothing of events.csv was imported"))
        #expect(!run.error.contains("--unknown-items"), "no advice that does not fit the error")

        // An item the catalog lacks: the library says what is wrong, the command which flag helps.
        let unknown = try await RepositoryPaths.runStrata([
            "import", "events", events.path, "--db", folder.appendingPathComponent("t.sqlite").path
        ])
        #expect(
            unknown.error.contains(
                "events.csv:2: field 'item_id': expected an item of the catalog, found unknown item \"i1\""))
        #expect(unknown.error.contains("--unknown-items create adds bare items"))
    }

    /// A kill -9 in the middle of an import leaves the database as it was before the import.
    @Test func killedImportLeavesTheDatabaseAsItWas() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("s.sqlite")
        let small = folder.appendingPathComponent("small.csv")
        let big = folder.appendingPathComponent("big.csv")
        try "user_id,item_id,event,timestamp\nu1,i1,view,1\nu2,i2,view,2\n".write(
            to: small, atomically: true, encoding: .utf8)
        var text = "user_id,item_id,event,timestamp\n"
        for k in 0 ..< 100_000 { text += "u\(k % 5000),i\(k % 100),click,\(1_600_000_000 + k)\n" }
        let before = try await RepositoryPaths.runStrata([
            "import", "events", small.path, "--db", db.path, "--unknown-items", "create"
        ])
        #expect(before.status == 0, "\(before.error)")

        // The file is a pipe the test keeps open: the import reads these 100,000 rows, reports its progress and
        // waits for the rest, so it is killed mid-file, before its commit, however fast the machine is.
        #expect(mkfifo(big.path, 0o600) == 0)
        let pipe = open(big.path, O_RDWR)  // on Linux a FIFO opens read-write without waiting for a reader
        #expect(pipe >= 0)
        defer { close(pipe) }
        let process = Process()
        process.executableURL = RepositoryPaths.strataExecutable
        process.arguments = [
            "import", "events", big.path, "--db", db.path, "--unknown-items", "create", "--progress", "always"
        ]
        let progress = Pipe()
        process.standardError = progress
        process.standardOutput = FileHandle.nullDevice
        let log = LogLines(progress.fileHandleForReading)
        try process.run()
        // Written from a thread of its own: the write waits while the import drains the pipe.
        let bytes = Data(text.utf8)
        let (written, finished) = AsyncStream<Void>.makeStream()
        Thread {
            bytes.withUnsafeBytes { _ = write(pipe, $0.baseAddress, $0.count) }
            finished.finish()
        }.start()
        for await _ in written {}
        #expect(await log.waitFor("%") != nil, "no progress report: \(log.text)")
        kill(process.processIdentifier, SIGKILL)
        await process.exit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)

        let counts = try await stats(db)
        #expect(counts["events"] as? Int == 2 && counts["users"] as? Int == 2 && counts["items"] as? Int == 2)
        let after = try await RepositoryPaths.runStrata(["import", "events", small.path, "--db", db.path, "--json"])
        #expect(after.status == 0 && after.output.contains("\"duplicates\":2"), "\(after.error)")
    }
}

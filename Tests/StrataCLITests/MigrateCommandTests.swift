import Foundation
import StrataTestSupport
import Testing

/// `strata migrate` between SQLite and a real PostgreSQL (`TestPostgres`), and `--db` with a postgres URL.
@Suite struct MigrateCommandTests {
    private func strata(_ arguments: [String]) async throws -> String {
        let run = try await RepositoryPaths.runStrata(arguments)
        #expect(run.status == 0, "strata \(arguments.joined(separator: " ")): \(run.error)")
        return run.output
    }

    @Test func sqliteToPostgresAndBackIsIdempotentWithEqualCounts() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = RepositoryPaths.root.appendingPathComponent("sample")
        let source = folder.appendingPathComponent("source.sqlite").path
        // The catalog, the users and the first 500 events: enough for every table, quick in a debug build.
        let lines = try String(contentsOf: sample.appendingPathComponent("events.csv"), encoding: .utf8).split(
            separator: "\n")
        let events = folder.appendingPathComponent("events.csv")
        try (lines.prefix(501).joined(separator: "\n") + "\n").write(to: events, atomically: true, encoding: .utf8)
        for file in [sample.appendingPathComponent("items.csv"), sample.appendingPathComponent("users.csv"), events] {
            _ = try await strata([
                "import", file.deletingPathExtension().lastPathComponent, file.path, "--db", source, "--progress",
                "never"
            ])
        }
        let sourceStats = try await strata(["stats", "--db", source, "--json"])
        let url = try TestPostgres.shared().freshDatabase()

        let first = try await strata(["migrate", "--from", source, "--to", url])
        #expect(first.contains("copied"))
        #expect(try await strata(["migrate", "--from", source, "--to", url]) == first)
        #expect(try await strata(["stats", "--db", url, "--json"]) == sourceStats)
        // STRATA_DB names the store when --db is absent.
        let viaEnvironment = try await RepositoryPaths.runStrata(["stats", "--json"], environment: ["STRATA_DB": url])
        #expect(viaEnvironment.output == sourceStats, "\(viaEnvironment.error)")

        let back = folder.appendingPathComponent("back.sqlite").path
        _ = try await strata(["migrate", "--from", url, "--to", back])
        #expect(try await strata(["stats", "--db", back, "--json"]) == sourceStats)
    }

    @Test func unreachableServerIsNamedWithHostAndPort() async throws {
        let run = try await RepositoryPaths.runStrata(["stats", "--db", "postgres://strata:secret@127.0.0.1:1/nowhere"])
        #expect(run.status != 0)
        #expect(
            run.error.contains("postgres://strata@127.0.0.1:1/nowhere: cannot connect to PostgreSQL"), "\(run.error)")
        #expect(!run.error.contains("secret"))
    }
}

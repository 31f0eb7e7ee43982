import Foundation
import StrataTestSupport
import Testing

/// `strata segment` on the bundled sample shows one segment and applies new events through the dynamic
/// path (its refusals of bad options are in ArgumentValidationTests).
struct SegmentCommandTests {
    /// A store of the sample's items and first 2000 events, and a file of the next week's first 40 events.
    final class SampleDatabase {
        let folder: URL
        let db: String
        let later: URL
        /// The lines of the sample's events and next week's events, headers first.
        let lines: [Substring], next: [Substring]

        init() async throws {
            folder = try RepositoryPaths.temporaryFolder()
            let sample = RepositoryPaths.root.appendingPathComponent("sample")
            db = folder.appendingPathComponent("s.sqlite").path
            let events = folder.appendingPathComponent("events.csv")
            later = folder.appendingPathComponent("later.csv")
            lines = try String(contentsOf: sample.appendingPathComponent("events.csv"), encoding: .utf8).split(
                separator: "\n")
            try (lines.prefix(2001).joined(separator: "\n") + "\n").write(to: events, atomically: true, encoding: .utf8)
            next = try String(contentsOf: sample.appendingPathComponent("next-week.csv"), encoding: .utf8).split(
                separator: "\n")
            try (next.prefix(41).joined(separator: "\n") + "\n").write(to: later, atomically: true, encoding: .utf8)
            #expect(
                try await RepositoryPaths.runStrata([
                    "import", "items", sample.appendingPathComponent("items.csv").path, "--db", db
                ]).status == 0)
            #expect(try await RepositoryPaths.runStrata(["import", "events", events.path, "--db", db]).status == 0)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func showsOneSegmentAndAppliesNewEvents() async throws {
        let sample = try await SampleDatabase()
        let (db, later, lines, next) = (sample.db, sample.later, sample.lines, sample.next)

        let listed = try await RepositoryPaths.runStrata(["segment", "--db", db, "--k", "3", "--json"])
        #expect(listed.status == 0, "\(listed.error)")
        let model = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [String: Any])
        let segments = try #require(model["segments"] as? [[String: Any]])
        #expect(segments.count == 3)
        // Every user of the imported events is in one segment.
        let users = Set(lines.dropFirst().prefix(2000).map { $0.split(separator: ",")[0] })
        #expect(segments.map { $0["size"] as? Int ?? 0 }.reduce(0, +) == users.count)

        let first = try #require(segments.first)
        let id = try #require(first["id"] as? Int)
        let shown = try await RepositoryPaths.runStrata(["segment", "--db", db, "--k", "3", "--show", "\(id)"])
        #expect(shown.status == 0)
        #expect(
            shown.output.hasPrefix(
                "segment \(id): \(first["label"] as? String ?? "?")\n  size \(first["size"] as? Int ?? -1) users"))
        #expect(shown.output.contains("keywords: \((first["keywords"] as? [String] ?? []).joined(separator: ", "))"))
        let unknown = try await RepositoryPaths.runStrata(["segment", "--db", db, "--k", "3", "--show", "99"])
        #expect(unknown.status != 0 && unknown.error.contains("there is no segment 99 in the deep layer"))
        // More segments than users cannot be met: refused, and the stored segments stay.
        let impossible = try await RepositoryPaths.runStrata(["segment", "--db", db, "--k-range", "5000-6000"])
        #expect(impossible.status != 0)
        #expect(
            impossible.error.contains(
                "a k range of 5000-6000 cannot be met: only \(users.count) users have a non-empty deep layer"),
            "\(impossible.error)")

        // New events: the counts come from the file itself.
        let newEvents = next.dropFirst().prefix(40)
        let newUsers = Set(newEvents.map { $0.split(separator: ",")[0] })
        let applied = try await RepositoryPaths.runStrata([
            "segment", "--db", db, "--k", "3", "--apply-events", later.path
        ])
        #expect(applied.status == 0, "\(applied.error)")
        #expect(applied.output.hasPrefix("applied \(newEvents.count) events of \(newUsers.count) users: "))
        let stats =
            try JSONSerialization.jsonObject(
                with: Data(try await RepositoryPaths.runStrata(["stats", "--db", db, "--json"]).output.utf8))
            as? [String: Any]
        #expect(stats?["events"] as? Int == 2000 + newEvents.count)

        // An event for an unknown item applies nothing.
        try ("user_id,item_id,event,timestamp\nu0001,i001,view,1719999999\nu0001,nope,view,1719999999\n")
            .write(to: later, atomically: true, encoding: .utf8)
        let refused = try await RepositoryPaths.runStrata([
            "segment", "--db", db, "--k", "3", "--apply-events", later.path
        ])
        #expect(
            refused.status != 0 && refused.error.contains("later.csv: event for item 'nope'")
                && refused.error.contains("nothing was applied"))
        let after =
            try JSONSerialization.jsonObject(
                with: Data(try await RepositoryPaths.runStrata(["stats", "--db", db, "--json"]).output.utf8))
            as? [String: Any]
        #expect(after?["events"] as? Int == 2000 + newEvents.count)
    }

    @Test func laterRunsKeepTheStoredSettingsUnlessToldOtherwise() async throws {
        let sample = try await SampleDatabase()
        func segments(_ run: ProcessResult) throws -> [[String: Any]] {
            #expect(run.status == 0, "\(run.error)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            return try #require(object["segments"] as? [[String: Any]])
        }
        func summary(_ segment: [String: Any]) -> String {
            "\(segment["id"] ?? "")/\(segment["size"] ?? "")/\(segment["label"] ?? "")"
        }

        let fitted = try await RepositoryPaths.runStrata([
            "segment", "--db", sample.db, "--algorithm", "agglomerative", "--k", "3", "--json"
        ])
        let three = try segments(fitted)
        #expect(three.count == 3)
        #expect(fitted.error.contains("with agglomerative, k = 3"), "\(fitted.error)")

        // --show and a bare run give the stored segments without fitting again.
        let first = try #require(three.first)
        let id = try #require(first["id"] as? Int)
        let shown = try await RepositoryPaths.runStrata(["segment", "--db", sample.db, "--show", "\(id)"])
        #expect(shown.status == 0, "\(shown.error)")
        #expect(
            shown.output.hasPrefix(
                "segment \(id): \(first["label"] as? String ?? "?")\n  size \(first["size"] as? Int ?? -1) users"))
        #expect(!shown.error.contains("segmenting"), "no refit: \(shown.error)")
        let bare = try await RepositoryPaths.runStrata(["segment", "--db", sample.db, "--json"])
        #expect(try segments(bare).map(summary) == three.map(summary))
        #expect(!bare.error.contains("segmenting"), "no refit: \(bare.error)")

        // New events make the segments stale: a bare run fits them again with the stored settings.
        #expect(
            try await RepositoryPaths.runStrata(["import", "events", sample.later.path, "--db", sample.db]).status == 0)
        let refitted = try await RepositoryPaths.runStrata(["segment", "--db", sample.db, "--json"])
        #expect(try segments(refitted).count == 3)
        #expect(refitted.error.contains("with agglomerative, k = 3"), "\(refitted.error)")

        // A different k refits, keeping the stored algorithm.
        let four = try await RepositoryPaths.runStrata(["segment", "--db", sample.db, "--k", "4", "--json"])
        #expect(try segments(four).count == 4)
        #expect(four.error.contains("with agglomerative, k = 4"), "\(four.error)")
    }
}

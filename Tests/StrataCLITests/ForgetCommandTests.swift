import Foundation
import StrataTestSupport
import Testing

/// `strata forget` deletes a user from every file of the database's folder, kept fits included.
@Suite struct ForgetCommandTests {
    @Test func forgetLeavesNoTraceAndRemovesKeptFits() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("s.sqlite").path
        let user = "forget-me-51c0de9a"
        let review = "zebracorn glimmerfen quasarwick"
        let events = folder.appendingPathComponent("events.csv")
        try """
        user_id,item_id,event,timestamp,value,text
        u1,i1,view,1,,
        \(user),i1,review,2,,\(review)
        \(user),i2,purchase,3,,
        u2,i2,view,4,,

        """.write(to: events, atomically: true, encoding: .utf8)
        let imported = try await RepositoryPaths.runStrata([
            "import", "events", events.path, "--db", db, "--unknown-items", "create"
        ])
        #expect(imported.status == 0, "\(imported.error)")
        try FileManager.default.removeItem(at: events)
        let keptFit = URL(fileURLWithPath: db + ".cache/ease-0123abcd.npy")
        try FileManager.default.createDirectory(
            at: keptFit.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: keptFit)
        #expect(try !FileScan.files(under: folder, containing: user).isEmpty, "the scan can find the user")

        let run = try await RepositoryPaths.runStrata(["forget", "--user", user, "--db", db])
        #expect(run.status == 0, "\(run.error)")
        #expect(try FileScan.files(under: folder, containing: user) == [])
        #expect(try FileScan.files(under: folder, containing: review) == [])
        #expect(!FileManager.default.fileExists(atPath: keptFit.path))
        let stats = try await RepositoryPaths.runStrata(["stats", "--db", db, "--json"])
        #expect(stats.output.contains("\"users\":2") || stats.output.contains("\"users\" : 2"), "\(stats.output)")

        let again = try await RepositoryPaths.runStrata(["forget", "--user", user, "--db", db])
        #expect(again.status != 0 && again.error.contains("user '\(user)' is not in"))
    }
}

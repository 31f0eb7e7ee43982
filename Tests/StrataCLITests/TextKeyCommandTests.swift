import Foundation
import StrataTestSupport
import Testing

/// With `--text-key-file`, review and search texts are stored encrypted, shown decrypted, and the key
/// is checked at open.
@Suite struct TextKeyCommandTests {
    static let review = "lighthouse-review-7c41e9a2", search = "quokka-lantern-3b90"

    @Test func textsAreEncryptedOnDiskAndShownWithTheKey() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("input")
        let written = folder.appendingPathComponent("written")
        for path in [input, written] {
            try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        }
        let keyFile = input.appendingPathComponent("text.key")
        try "a-secret-text-key-0123456789abcdef\n".write(to: keyFile, atomically: true, encoding: .utf8)
        let key = ["--text-key-file", keyFile.path]
        let items = input.appendingPathComponent("items.csv")
        let events = input.appendingPathComponent("events.csv")
        try "item_id,title\ni1,Aurora Phone\ni2,Star Tides\ni3,Trail Boots\n".write(
            to: items, atomically: true, encoding: .utf8)
        try """
        user_id,item_id,event,timestamp,value,text
        alice,i1,view,1,,
        alice,i2,review,2,5,\(Self.review) with ships like cathedrals
        alice,i2,search,3,,\(Self.search)
        bob,i3,view,4,,

        """.write(to: events, atomically: true, encoding: .utf8)
        let db = written.appendingPathComponent("t.sqlite").path
        for (kind, file) in [("items", items), ("events", events)] {
            let run = try await RepositoryPaths.runStrata(["import", kind, file.path, "--db", db] + key)
            #expect(run.status == 0, "\(run.error)")
        }
        let again = try await RepositoryPaths.runStrata(["import", "events", events.path, "--db", db] + key)
        #expect(again.status == 0 && again.output.contains("inserted 0,"), "re-importing adds nothing: \(again.output)")
        #expect(try FileScan.files(under: written, containing: Self.review) == [])
        #expect(try FileScan.files(under: written, containing: Self.search) == [])

        let withoutKey = try await RepositoryPaths.runStrata(["stats", "--db", db])
        #expect(withoutKey.status != 0 && withoutKey.error.contains("stores event texts encrypted: give the key"))
        let otherKey = try await RepositoryPaths.runStrata(
            ["stats", "--db", db], environment: ["STRATA_TEXT_KEY": "another-text-key-of-enough-bytes"])
        #expect(otherKey.status != 0 && otherKey.error.contains("encrypted with another key"), "\(otherKey.error)")

        // The profile shows what the user searched for: the text decrypted where it is shown.
        let profile = try await RepositoryPaths.runStrata(["profile", "--db", db, "--user", "alice", "--json"] + key)
        #expect(profile.status == 0 && profile.output.contains(Self.search), "\(profile.error)\(profile.output)")
    }
}

import Foundation
import StrataTestSupport
import Testing

/// With `--pseudonymize-key-file`, commands take raw user ids and no file Strata writes holds one.
@Suite struct PseudonymCommandTests {
    static let alice = "alice-0b7e52c4", bob = "bob-5d2a81f3"

    /// Imports a small catalog, users and events into `db`, with `extra` arguments.
    private func importSample(into db: String, input: URL, extra: [String]) async throws {
        let items = input.appendingPathComponent("items.csv")
        let users = input.appendingPathComponent("users.csv")
        let events = input.appendingPathComponent("events.csv")
        try "item_id,title\ni1,Aurora Phone\ni2,Star Tides\ni3,Trail Boots\n".write(
            to: items, atomically: true, encoding: .utf8)
        try "user_id,city\n\(Self.alice),Lyon\n\(Self.bob),Oslo\n".write(to: users, atomically: true, encoding: .utf8)
        try """
        user_id,item_id,event,timestamp,value,text
        \(Self.alice),i1,view,1,,
        \(Self.alice),i2,review,2,,ships like cathedrals
        \(Self.bob),i2,purchase,3,,
        \(Self.bob),i3,view,4,,

        """.write(to: events, atomically: true, encoding: .utf8)
        for (kind, file) in [("items", items), ("users", users), ("events", events)] {
            let run = try await RepositoryPaths.runStrata(["import", kind, file.path, "--db", db] + extra)
            #expect(run.status == 0, "\(run.error)")
        }
    }

    @Test func noFileStrataWroteHoldsARawUserID() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("input")
        let written = folder.appendingPathComponent("written")
        let plainFolder = folder.appendingPathComponent("plain")
        for path in [input, written, plainFolder] {
            try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        }
        let keyFile = input.appendingPathComponent("pseudonym.key")
        try "a-secret-pseudonym-key-0123456789\n".write(to: keyFile, atomically: true, encoding: .utf8)
        let key = ["--pseudonymize-key-file", keyFile.path]

        let plain = plainFolder.appendingPathComponent("plain.sqlite").path
        try await importSample(into: plain, input: input, extra: [])
        #expect(
            try !FileScan.files(under: plainFolder, containing: Self.alice).isEmpty,
            "the scan finds raw ids when they are stored")

        let db = written.appendingPathComponent("p.sqlite").path
        try await importSample(into: db, input: input, extra: key)
        let recommend = try await RepositoryPaths.runStrata(
            [
                "recommend", "--db", db, "--user", Self.alice, "-k", "2",
                "--exclude-seen", "none", "--format", "csv"
            ] + key)
        #expect(recommend.status == 0, "\(recommend.error)")
        #expect(recommend.output.hasPrefix("user_hmac_sha256,item,rank\n"), "the export says its ids are pseudonyms")
        let pseudonym =
            recommend.output.split(separator: "\n").dropFirst().first.map { String($0.prefix { $0 != "," }) } ?? ""
        #expect(
            pseudonym.count == 64 && pseudonym.allSatisfy(\.isHexDigit),
            "answers name the user by pseudonym: \(recommend.output)")
        let json = try await RepositoryPaths.runStrata(
            ["recommend", "--db", db, "--all-users", "-k", "1", "--json"] + key)
        #expect(json.status == 0 && json.output.contains(#""user_ids":"hmac-sha256""#), "\(json.error)")
        let profile = try await RepositoryPaths.runStrata(["profile", "--db", db, "--user", Self.alice, "--json"] + key)
        #expect(profile.status == 0 && profile.output.contains(pseudonym), "\(profile.error)")
        #expect(try FileScan.files(under: written, containing: Self.alice) == [])
        #expect(try FileScan.files(under: written, containing: Self.bob) == [])

        let withoutKey = try await RepositoryPaths.runStrata(["stats", "--db", db])
        #expect(withoutKey.status != 0 && withoutKey.error.contains("stores user ids as pseudonyms: give the key"))
        let otherKey = try await RepositoryPaths.runStrata(
            ["stats", "--db", db],
            environment: ["STRATA_PSEUDONYM_KEY": "another-key-of-enough-bytes"])
        #expect(otherKey.status != 0 && otherKey.error.contains("pseudonyms made with another key"))
        let rawWithKey = try await RepositoryPaths.runStrata(["stats", "--db", plain] + key)
        #expect(rawWithKey.status != 0 && rawWithKey.error.contains("stores raw user ids"))
    }
}

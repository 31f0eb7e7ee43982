import Foundation
import StrataCore
import StrataImport
import StrataPrivacy
import StrataTestSupport
import Testing

/// Pseudonymous user ids: HMAC-SHA256 in hex, the key tied to the store, imports storing only pseudonyms.
@Suite struct UserIDsTests {
    static let key = Data("a-pseudonym-key-of-32-bytes-0000".utf8)

    @Test func pseudonymsAreHMACSHA256InHex() throws {
        // RFC 4231, test case 1: key 0x0b × 20, data "Hi There".
        let ids = try UserIDs(pseudonymKey: Data(repeating: 0x0b, count: 20))
        #expect(ids.stored("Hi There") == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(UserIDs.raw.stored("Hi There") == "Hi There" && !UserIDs.raw.arePseudonymous)
        #expect(throws: PseudonymError.shortKey(bytes: 5)) { try UserIDs(pseudonymKey: Data("short".utf8)) }
        let fromEnvironment = try UserIDs.configured(
            keyFile: nil, environment: [UserIDs.environmentVariable: String(decoding: Self.key, as: UTF8.self)])
        #expect(fromEnvironment.stored("u1") == (try UserIDs(pseudonymKey: Self.key)).stored("u1"))
        #expect(try !UserIDs.configured(keyFile: nil, environment: [:]).arePseudonymous)
    }

    @Test func theStoreRemembersItsKeyAndRefusesAnotherOrNone() throws {
        let fixtures = try Fixtures(.sqlite)
        let ids = try UserIDs(pseudonymKey: Self.key)
        try UserIDs.raw.check(fixtures.store)  // a store without a key records nothing
        try ids.check(fixtures.store)
        try ids.check(fixtures.store)
        #expect(throws: PseudonymError.keyChanged) {
            try UserIDs(pseudonymKey: Data("another-key-of-enough-bytes".utf8)).check(fixtures.store)
        }
        #expect(throws: PseudonymError.keyMissing) { try UserIDs.raw.check(fixtures.store) }

        let raw = try Fixtures(.sqlite)
        try raw.catalog()
        try raw.store.write { try $0.insert(Event(userID: "u1", itemID: "i1", type: .view, timestamp: 1)) }
        #expect(throws: PseudonymError.rawIDsStored) { try ids.check(raw.store) }
    }

    @Test func importsStoreOnlyPseudonyms() throws {
        let fixtures = try Fixtures(.sqlite)
        try fixtures.catalog()
        let ids = try UserIDs(pseudonymKey: Self.key)
        try ids.check(fixtures.store)
        let raw = "alice-4f1c9e07"
        let events = try fixtures.file(
            "in/events.csv", "user_id,item_id,event,timestamp\n\(raw),i1,view,1\n\(raw),i2,like,2\nbob,i1,view,3\n")
        let users = try fixtures.file("in/users.csv", "user_id,city\n\(raw),Lyon\n")
        let options = ImportOptions(storedUserID: ids.stored)
        _ = try Importer.importUsers(from: users, into: fixtures.store, options: options)
        #expect(try Importer.importEvents(from: events, into: fixtures.store, options: options).inserted == 3)
        #expect(
            try Importer.importEvents(from: events, into: fixtures.store, options: options).inserted == 0, "idempotent")
        #expect(try fixtures.store.events(ofUser: ids.stored(raw)).count == 2)
        #expect(try fixtures.store.user(id: ids.stored(raw))?.attributes == ["city": "Lyon"])
        #expect(try fixtures.store.users().map(\.id).sorted() == [ids.stored("bob"), ids.stored(raw)].sorted())
        try FileManager.default.removeItem(at: fixtures.folder.appendingPathComponent("in"))
        #expect(try FileScan.files(under: fixtures.folder, containing: raw) == [])
    }

    @Test func rejectsFilesWithholdTheRecordsOfPseudonymousImports() throws {
        let fixtures = try Fixtures(.sqlite)
        try fixtures.catalog()
        let ids = try UserIDs(pseudonymKey: Self.key)
        try ids.check(fixtures.store)
        let raw = "carol-93d0b6e1"
        let events = try fixtures.file(
            "in/events.csv",
            "user_id,item_id,event,timestamp\n\(raw),i1,view,1\n\(raw),i9,view,2\n\(raw),i2,wink,3\n\(raw),i1\n")
        let rejects = fixtures.folder.appendingPathComponent("out/events.rejects.csv")
        try FileManager.default.createDirectory(
            at: rejects.deletingLastPathComponent(), withIntermediateDirectories: true)
        let summary = try Importer.importEvents(
            from: events, into: fixtures.store,
            options: ImportOptions(
                skipInvalid: true, rejectsURL: rejects, storedUserID: ids.stored, withholdsRejectedRecords: true))
        #expect(summary.inserted == 1 && summary.rejected == 3)
        let lines = try String(contentsOf: rejects, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 4 && lines[0] == "file,line,reason,record")
        #expect(lines[1].hasPrefix("events.csv,3,") && lines[1].hasSuffix(","), "line and reason, record left out")
        #expect(lines[2].contains("wink") && lines[3].hasPrefix("events.csv,5,"), "the reason quotes the bad field")
        try FileManager.default.removeItem(at: fixtures.folder.appendingPathComponent("in"))
        #expect(try FileScan.files(under: fixtures.folder, containing: raw) == [])

        let kept = try Fixtures(.sqlite)
        try kept.catalog()
        let keptRejects = kept.folder.appendingPathComponent("rejects.csv")
        _ = try Importer.importEvents(
            from: try kept.file("events.csv", "user_id,item_id,event,timestamp\n\(raw),i9,view,2\n"), into: kept.store,
            options: ImportOptions(skipInvalid: true, rejectsURL: keptRejects))
        #expect(try String(contentsOf: keptRejects, encoding: .utf8).contains("\(raw),i9,view,2"), "raw ids: kept")
    }
}

import Foundation
import StrataCore
import StrataPrivacy
import StrataTestSupport
import Testing

/// Event texts encrypted at rest: AES-256-GCM under a key tied to the store, on both back-ends.
@Suite struct EventTextsTests {
    static let key = Data("a-text-key-of-32-bytes-000000000".utf8)
    static let review = "the-lighthouse-review-7c41e9a2 kept me up all night"

    @Test func sealedTextsOpenBackOnlyUnderTheirKey() throws {
        let texts = try EventTexts(textKey: Self.key)
        let sealed = texts.sealed(Self.review)
        #expect(sealed.hasPrefix("aes-gcm:") && !sealed.contains("lighthouse"))
        #expect(try texts.opened(sealed) == Self.review)
        #expect(texts.sealed(Self.review) == sealed, "deterministic, so a re-imported event is a duplicate")
        #expect(texts.sealed(Self.review + ".") != sealed)
        // nonce (12) + ciphertext (as long as the UTF-8 text) + tag (16), in base64 after the prefix.
        let body = Data(base64Encoded: String(sealed.dropFirst("aes-gcm:".count)))
        #expect(body?.count == 12 + Self.review.utf8.count + 16)
        let other = try EventTexts(textKey: Data("another-text-key-of-enough-bytes".utf8))
        #expect(throws: TextKeyError.undecryptable) { try other.opened(sealed) }
        #expect(throws: TextKeyError.undecryptable) { try texts.opened("a text stored in clear") }
        #expect(EventTexts.clear.sealed(Self.review) == Self.review && !EventTexts.clear.areEncrypted)
        #expect(throws: TextKeyError.shortKey(bytes: 5)) { try EventTexts(textKey: Data("short".utf8)) }
        let fromEnvironment = try EventTexts.configured(
            keyFile: nil, environment: [EventTexts.environmentVariable: String(decoding: Self.key, as: UTF8.self)])
        #expect(fromEnvironment.sealed("x") == texts.sealed("x"))
        #expect(throws: TextKeyError.unreadableKeyFile("/nonexistent/text.key")) {
            try EventTexts.configured(keyFile: "/nonexistent/text.key", environment: [:])
        }
    }

    /// Stores a review and a search with unique texts, and a re-import of the review.
    private func storeEvents(in fixtures: Fixtures) throws {
        try fixtures.catalog()
        let events = [
            Event(userID: "u1", itemID: "i2", type: .review, timestamp: 10, value: 5, text: Self.review),
            Event(userID: "u1", itemID: "i1", type: .search, timestamp: 11, text: "quokka-lantern-3b90"),
            Event(userID: "u2", itemID: "i3", type: .view, timestamp: 12)
        ]
        #expect(try fixtures.store.write { writer in try events.filter { try writer.insert($0) }.count } == 3)
        #expect(try fixtures.store.write { try $0.insert(events[0]) } == false, "the same event, sealed the same")
    }

    @Test(arguments: Backend.allCases) func textsAreEncryptedAtRestAndReadBackWithTheKey(backend: Backend) throws {
        let postgres = backend == .postgres ? try TestPostgres.dedicated() : nil
        defer { try? postgres?.stop() }
        let texts = try EventTexts(textKey: Self.key)
        let fixtures = try Fixtures(backend, texts: texts, postgres: postgres)
        try texts.check(fixtures.store)
        try storeEvents(in: fixtures)

        #expect(try fixtures.store.events(ofUser: "u1").compactMap(\.text) == [Self.review, "quokka-lantern-3b90"])
        var seen: [String] = []
        try fixtures.store.forEachEvent { if let text = $0.text { seen.append(text) } }
        #expect(seen.sorted() == ["quokka-lantern-3b90", Self.review].sorted())
        let storedColumns = try fixtures.reopened(texts: .clear).events(ofItem: "i2").compactMap(\.text)
        #expect(storedColumns == [texts.sealed(Self.review)], "the column holds the sealed form")

        // The database's folder: the SQLite file and its log, or the PostgreSQL server's tables and log.
        let folder = postgres?.dataFolder ?? fixtures.folder
        for unique in ["lighthouse-review-7c41e9a2", "quokka-lantern-3b90"] {
            #expect(try FileScan.files(under: folder, containing: unique) == [], "\(unique) in clear")
        }
        let control = try Fixtures(backend, postgres: postgres)
        try control.catalog()
        try control.store.write {
            try $0.insert(Event(userID: "u", itemID: "i1", type: .search, timestamp: 1, text: "clear-control-5e11"))
        }
        #expect(
            try !FileScan.files(under: postgres?.dataFolder ?? control.folder, containing: "clear-control-5e11")
                .isEmpty,
            "the scan finds a text stored in clear")
    }

    @Test(arguments: Backend.allCases) func aWrongOrMissingKeyIsAnErrorAtOpen(backend: Backend) throws {
        let texts = try EventTexts(textKey: Self.key)
        let fixtures = try Fixtures(backend, texts: texts)
        try texts.check(fixtures.store)
        try storeEvents(in: fixtures)
        let other = try EventTexts(textKey: Data("another-text-key-of-enough-bytes".utf8))
        #expect(throws: TextKeyError.keyChanged) { try other.check(fixtures.reopened(texts: other)) }
        #expect(throws: TextKeyError.keyMissing) { try EventTexts.clear.check(fixtures.reopened(texts: .clear)) }
        #expect(throws: TextKeyError.undecryptable, "reading past the check still never yields garbage") {
            try fixtures.reopened(texts: other).events(ofUser: "u1")
        }

        let clear = try Fixtures(backend)
        try EventTexts.clear.check(clear.store)
        try storeEvents(in: clear)
        #expect(throws: TextKeyError.clearTextsStored) { try texts.check(clear.reopened(texts: texts)) }
    }
}

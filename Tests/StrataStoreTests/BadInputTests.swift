import Foundation
import StrataCore
import StrataImport
import Testing

/// Every kind of bad record fails the import with file, line and field, and stores nothing of the
/// file; with `skipInvalid` the rest is stored and the bad records are written with reasons.
@Suite struct BadInputTests {
    static let header = "user_id,item_id,event,timestamp,value\n"
    static let good = "u1,i1,view,1700000000,\nu2,i2,like,1700000001,\n"

    /// One bad line (line 3 of the file, after a good one), what the error names, and a reason fragment.
    static let cases: [(name: String, line: String, field: String?, reason: String)] = [
        ("wrong column count", "u1,i1,view\n", nil, "expected 5 fields as in the header, found 3"),
        ("missing user id", ",i1,view,1700000000,\n", "user_id", "expected a non-empty id"),
        ("missing item id", "u1,,view,1700000000,\n", "item_id", "expected a non-empty id"),
        (
            "bad timestamp", "u1,i1,view,last tuesday,\n", "timestamp",
            "expected Unix seconds or an ISO-8601 date-time, found \"last tuesday\""
        ),
        ("bad value", "u1,i1,rating,1700000000,five\n", "value", "expected a number, found \"five\""),
        ("unknown event type", "u1,i1,teleport,1700000000,\n", "event", "found \"teleport\""),
        ("unknown item", "u1,i9,view,1700000000,\n", "item_id", "unknown item \"i9\"")
    ]

    private func eventsFile(_ fixtures: Fixtures, badLine: Data) throws -> URL {
        var bytes = Data((Self.header + "u0,i3,view,1699999999,\n").utf8)
        bytes.append(badLine)
        bytes.append(Data(Self.good.utf8))
        return try fixtures.file("events.csv", bytes)
    }

    @Test(arguments: Backend.allCases, cases.map(\.name))
    func badRecordFailsTheWholeFile(backend: Backend, name: String) throws {
        let bad = Self.cases.first { $0.name == name }!
        let fixtures = try Fixtures(backend)
        try fixtures.catalog()
        let url = try eventsFile(fixtures, badLine: Data(bad.line.utf8))
        let error = try #require(throws: ImportError.self) {
            try Importer.importEvents(from: url, into: fixtures.store)
        }
        #expect(error.file == "events.csv" && error.line == 3 && error.field == bad.field)
        #expect(error.message.contains(bad.reason), "\(error)")
        #expect(error.kind == (name == "unknown item" ? .unknownItem : .invalidRecord))
        #expect(try fixtures.store.stats().events == 0)
        #expect(try fixtures.store.stats().users == 0)
    }

    @Test(arguments: Backend.allCases) func invalidUTF8NamesTheField(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.catalog()
        let url = try eventsFile(
            fixtures, badLine: Data("u1,i1,view,1700000000,".utf8) + Data([0xFF, 0xFE]) + Data("\n".utf8))
        let error = try #require(throws: ImportError.self) {
            try Importer.importEvents(from: url, into: fixtures.store)
        }
        #expect(error.line == 3 && error.field == "value" && error.message.contains("UTF-8"))
        #expect(try fixtures.store.stats().events == 0)
    }

    @Test(arguments: Backend.allCases) func skipInvalidStoresTheRestAndWritesRejects(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.catalog()
        let lines = Self.cases.map(\.line).joined()
        let url = try eventsFile(fixtures, badLine: Data(lines.utf8))
        let rejects = fixtures.folder.appendingPathComponent("rejects.csv")
        let summary = try Importer.importEvents(
            from: url, into: fixtures.store,
            options: ImportOptions(skipInvalid: true, rejectsURL: rejects))
        #expect(summary.read == 3 + Self.cases.count && summary.inserted == 3 && summary.rejected == Self.cases.count)
        #expect(try fixtures.store.stats().events == 3)
        let written = try String(contentsOf: rejects, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(written.count == 1 + Self.cases.count)
        #expect(written[0] == "file,line,reason,record")
        #expect(written[1] == #"events.csv,3,"expected 5 fields as in the header, found 3","u1,i1,view""#)
        #expect(
            written[4]
                == #"events.csv,6,"field 'timestamp': expected Unix seconds or an ISO-8601 date-time, found ""last tuesday""","u1,i1,view,last tuesday,""#
        )
    }

    @Test(arguments: Backend.allCases) func unknownItemsCanBeCreatedBare(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.catalog()
        let url = try fixtures.file("events.csv", Self.header + "u1,i9,view,1700000000,\n")
        let summary = try Importer.importEvents(
            from: url, into: fixtures.store, options: ImportOptions(unknownItems: .create))
        #expect(summary.inserted == 1 && summary.items == 1)
        #expect(try fixtures.store.item(id: "i9") == Item(id: "i9", title: ""))
    }

    @Test(arguments: Backend.allCases) func missingHeaderColumnIsNamed(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        let url = try fixtures.file("events.csv", "user,item,when\nu1,i1,1\n")
        let error = try #require(throws: ImportError.self) {
            try Importer.importEvents(from: url, into: fixtures.store)
        }
        #expect(error.line == 1 && error.field == "user_id")
        #expect(error.message.contains("expected a header line user_id,item_id,event,timestamp"))
    }

    @Test(arguments: Backend.allCases) func badJSONLineIsNamed(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.catalog()
        let url = try fixtures.file(
            "events.jsonl",
            """
            {"user_id": "u1", "item_id": "i1", "event": "view", "timestamp": 1}
            {"user_id": "u1", "item_id": "i1", "event": "view", "timestamp": 2
            """)
        let error = try #require(throws: ImportError.self) {
            try Importer.importEvents(from: url, into: fixtures.store)
        }
        #expect(error.file == "events.jsonl" && error.line == 2 && error.message.contains("JSON object"))
        #expect(try fixtures.store.stats().events == 0)
    }
}

/// The same rules hold for catalog and user files.
@Suite struct CatalogBadInputTests {
    @Test(arguments: Backend.allCases) func itemWithoutIdFailsTheFile(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        let url = try fixtures.file("items.csv", "item_id,title\ni1,One\n,Nameless\n")
        let error = try #require(throws: ImportError.self) { try Importer.importItems(from: url, into: fixtures.store) }
        #expect(error.description == "items.csv:3: field 'item_id': expected a non-empty id")
        #expect(try fixtures.store.stats().items == 0)
    }

    @Test(arguments: Backend.allCases) func unreadableUserLineIsSetAside(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        let url = try fixtures.file(
            "users.jsonl", "{\"user_id\": \"u1\", \"age\": 30}\n[1, 2]\n{\"user_id\": \"u2\"}\n")
        let summary = try Importer.importUsers(
            from: url, into: fixtures.store, options: ImportOptions(skipInvalid: true))
        #expect(summary.read == 3 && summary.inserted == 2 && summary.rejected == 1)
        #expect(try fixtures.store.user(id: "u1") == User(id: "u1", attributes: ["age": "30"]))
    }
}

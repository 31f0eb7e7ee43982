import Foundation
import StrataCore
import StrataImport
import Testing

@Suite struct GenericImportTests {
    @Test(arguments: Backend.allCases) func itemsKeepDescriptionsCategoriesAndAttributes(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        let url = try fixtures.file(
            "items.csv",
            """
            item_id,title,description,categories,brand
            i1,Aurora Phone,"A bright phone,
            with two lines.",Electronics>Phones|Gifts,Aurora
            i2,Star Tides,,,

            """)
        let summary = try Importer.importItems(from: url, into: fixtures.store)
        #expect(summary.read == 2 && summary.inserted == 2 && summary.items == 2)
        #expect(
            try fixtures.store.item(id: "i1")
                == Item(
                    id: "i1", title: "Aurora Phone",
                    description: "A bright phone,\nwith two lines.", categories: ["Electronics>Phones", "Gifts"],
                    attributes: ["brand": "Aurora"]))
        #expect(try fixtures.store.item(id: "i2") == Item(id: "i2", title: "Star Tides"))
    }

    @Test(arguments: Backend.allCases) func eventsFromCSVWithISOAndUnixTimesValuesAndText(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.catalog()
        let lines = [
            "user_id,item_id,event,timestamp,value,text",
            "u1,i1,add-to-cart,2024-03-01T12:30:00Z,,",
            "u1,i2,rate,1709300000,4.5,",
            #"u2,i2,review,1709300001,,"Loved it, ""truly""""#,
            "u2,i3,Buy,2024-03-02,,"
        ]
        let url = try fixtures.file("events.csv", lines.joined(separator: "\r\n") + "\r\n")
        let summary = try Importer.importEvents(from: url, into: fixtures.store)
        #expect(summary.read == 4 && summary.inserted == 4 && summary.users == 2)
        #expect(summary.events == ["cart": 1, "rating": 1, "review": 1, "purchase": 1])
        #expect(
            try fixtures.store.events(ofUser: "u1") == [
                Event(userID: "u1", itemID: "i1", type: .cart, timestamp: 1_709_296_200),
                Event(userID: "u1", itemID: "i2", type: .rating, timestamp: 1_709_300_000, value: 4.5)
            ])
        #expect(try fixtures.store.events(ofUser: "u2").map(\.text) == [#"Loved it, "truly""#, nil])
        var streamed: [String] = []
        try fixtures.store.forEachEvent { streamed.append("\($0.userID) \($0.type.rawValue)") }
        #expect(streamed == ["u1 cart", "u1 rating", "u2 review", "u2 purchase"])
        let stats = try fixtures.store.stats()
        #expect(stats.users == 2 && stats.items == 3 && stats.events == 4)
        #expect(stats.firstEvent == 1_709_296_200 && stats.lastEvent == 1_709_337_600)
    }

    @Test(arguments: Backend.allCases) func eventsFromJSONLines(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.catalog()
        let url = try fixtures.file(
            "events.jsonl",
            """
            {"user_id": 7, "item_id": "i1", "event": "view", "timestamp": 1700000000}
            {"user_id": "7", "item_id": "i3", "event": "search", "timestamp": "2023-11-14T22:13:21Z", "text": "boots"}

            {"userId": "8", "itemId": "i2", "event": "rating", "timestamp": 1700000002, "value": 3}

            """)
        let summary = try Importer.importEvents(from: url, into: fixtures.store)
        #expect(summary.inserted == 3)
        #expect(
            try fixtures.store.events(ofUser: "7") == [
                Event(userID: "7", itemID: "i1", type: .view, timestamp: 1_700_000_000),
                Event(userID: "7", itemID: "i3", type: .search, timestamp: 1_700_000_001, text: "boots")
            ])
        #expect(
            try fixtures.store.events(ofItem: "i2") == [
                Event(
                    userID: "8", itemID: "i2", type: .rating,
                    timestamp: 1_700_000_002, value: 3)
            ])
    }

    @Test(arguments: Backend.allCases) func usersKeepEveryOtherColumnAsAttributes(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        let url = try fixtures.file("users.csv", "user_id,age,gender,location\nu1,25-34,F,Lyon\nu2,,M,\n")
        let summary = try Importer.importUsers(from: url, into: fixtures.store)
        #expect(summary.inserted == 2 && summary.users == 2)
        #expect(
            try fixtures.store.users() == [
                User(id: "u1", attributes: ["age": "25-34", "gender": "F", "location": "Lyon"]),
                User(id: "u2", attributes: ["gender": "M"])
            ])
    }

    @Test(arguments: Backend.allCases) func reimportingChangesNothing(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.catalog()
        let url = try fixtures.file(
            "events.csv", "user_id,item_id,event,timestamp\nu1,i1,view,1\nu1,i1,view,2\nu1,i1,view,2\n")
        let first = try Importer.importEvents(from: url, into: fixtures.store)
        #expect(first.inserted == 2 && first.duplicates == 1)
        let second = try Importer.importEvents(from: url, into: fixtures.store)
        #expect(second.read == 3 && second.inserted == 0 && second.duplicates == 3 && second.users == 0)
        #expect(try fixtures.store.stats().events == 2)

        let items = fixtures.folder.appendingPathComponent("items.csv")
        let again = try Importer.importItems(from: items, into: fixtures.store)
        #expect(again.inserted == 0 && again.updated == 0 && again.duplicates == 3)
    }

    @Test(arguments: Backend.allCases) func changedItemsAreUpdated(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.catalog()
        let url = try fixtures.file("items2.csv", "item_id,title\ni1,Aurora Phone 2\ni4,New\n")
        let summary = try Importer.importItems(from: url, into: fixtures.store)
        #expect(summary.updated == 1 && summary.inserted == 1)
        #expect(try fixtures.store.item(id: "i1")?.title == "Aurora Phone 2")
    }
}

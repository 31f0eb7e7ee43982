import Foundation
import StrataCore
import StrataStore
import Testing

/// What every `Store` promises beyond importing, checked on each back-end: duplicate events, upsert
/// outcomes, rollback, ordering, profiles and deletion (also from stored segment models).
@Suite struct StoreContractTests {
    static let events = [
        Event(userID: "u2", itemID: "b", type: .rating, timestamp: 20, value: 4.5),
        Event(userID: "u1", itemID: "a", type: .view, timestamp: 30),
        Event(userID: "u1", itemID: "b", type: .tag, timestamp: 10, text: "tab\there, back\\slash\nnewline")
    ]

    /// A store with items a and b and `events` written through one writer.
    static func stored(_ backend: Backend) throws -> Fixtures {
        let fixtures = try Fixtures(backend)
        try fixtures.store.write { writer throws in
            #expect(
                try writer.upsert(Item(id: "a", title: "A", categories: ["x", "y"], attributes: ["k": "v"]))
                    == .inserted)
            #expect(try writer.insertBareItem(id: "b"))
            #expect(try !writer.insertBareItem(id: "a"))
            for event in events { #expect(try writer.insert(event)) }
            #expect(try !writer.insert(events[0]))
            #expect(writer.usersCreated == 2)
        }
        return fixtures
    }

    @Test(arguments: Backend.allCases) func eventsAreStoredOnceAndReadInOrder(backend: Backend) throws {
        let fixtures = try Self.stored(backend)
        let store = fixtures.store
        #expect(try store.events(ofUser: "u1") == [Self.events[2], Self.events[1]])
        #expect(try store.events(ofItem: "b") == [Self.events[2], Self.events[0]])
        var all: [Event] = []
        try store.forEachEvent { all.append($0) }
        #expect(all == [Self.events[2], Self.events[1], Self.events[0]])
        let stats = try store.stats()
        #expect(
            stats
                == StoreStats(
                    users: 2, items: 2, events: 3, eventsByType: ["rating": 1, "view": 1, "tag": 1],
                    firstEvent: 10, lastEvent: 30))
        // A second transaction sees the stored events as duplicates and creates no user.
        try store.write { writer throws in
            #expect(try !writer.insert(Self.events[1]))
            #expect(try writer.insert(Event(userID: "u3", itemID: "a", type: .view, timestamp: 1)))
            #expect(writer.usersCreated == 1)
        }
        #expect(try store.users().map(\.id) == ["u1", "u2", "u3"])
    }

    @Test(arguments: Backend.allCases) func upsertsTellInsertedUpdatedUnchanged(backend: Backend) throws {
        let fixtures = try Self.stored(backend)
        let store = fixtures.store
        try store.write { writer throws in
            #expect(
                try writer.upsert(Item(id: "a", title: "A", categories: ["x", "y"], attributes: ["k": "v"]))
                    == .unchanged)
            #expect(try writer.upsert(Item(id: "b", title: "B")) == .updated)
            #expect(try writer.upsert(User(id: "u1", attributes: ["age": "30"])) == .updated)
            #expect(try writer.upsert(User(id: "u9")) == .inserted)
            #expect(try writer.containsItem("b") && !writer.containsItem("c"))
        }
        #expect(try store.item(id: "b")?.title == "B")
        #expect(try store.item(id: "a") == Item(id: "a", title: "A", categories: ["x", "y"], attributes: ["k": "v"]))
        #expect(try store.user(id: "u1")?.attributes == ["age": "30"])
        #expect(try store.user(id: "nobody") == nil)
    }

    @Test(arguments: Backend.allCases) func aFailedWriteLeavesNothing(backend: Backend) throws {
        let fixtures = try Self.stored(backend)
        let store = fixtures.store
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.write { writer throws in
                try writer.upsert(Item(id: "c", title: "C"))
                try writer.insert(Event(userID: "u7", itemID: "c", type: .view, timestamp: 5))
                throw Stop()
            }
        }
        #expect(try store.item(id: "c") == nil && store.user(id: "u7") == nil && store.stats().events == 3)
    }

    @Test(arguments: Backend.allCases) func profilesRoundTripAndGoWithTheirUser(backend: Backend) throws {
        let fixtures = try Self.stored(backend)
        let store = fixtures.store
        let layer = { (label: String, vector: [Float]) in
            InterestLayer(interests: [Interest(label: label, weight: 1, evidence: ["a"], topic: 3)], vector: vector)
        }
        let profiles = ["u1", "u2"].map { user in
            UserProfile(
                user: user, surface: layer("s", [1, 0]), middle: layer("m", [0.5, -0.25]), deep: layer("d", [0, 1]),
                referenceTime: 30, eventCount: 2)
        }
        try store.saveProfiles(profiles)
        #expect(try store.profiles() == profiles)
        var changed = profiles[0]
        changed.eventCount = 9
        try store.saveProfiles([changed])
        #expect(try store.profile(user: "u1") == changed)

        try store.saveStageRecord("profiles", json: "{\"a\":1}")
        try store.saveStageRecord("profiles", json: "{\"a\":2}")
        #expect(try store.stageRecord("profiles") == "{\"a\":2}")

        #expect(try store.deleteUser("u1"))
        #expect(try !store.deleteUser("u1"))
        #expect(try store.profile(user: "u1") == nil && store.events(ofUser: "u1").isEmpty)
        #expect(try store.profiles().map(\.user) == ["u2"] && store.stats().events == 1)
    }

    @Test(arguments: Backend.allCases) func deletingAUserTakesThemOutOfStoredSegments(backend: Backend) throws {
        let fixtures = try Self.stored(backend)
        let store = fixtures.store
        var model = SegmentStoreTests.model(members: ["u1": 0, "u2": 0])
        model.segments[0].representativeUsers = ["u1", "u2"]
        try store.saveSegmentModel(model, users: nil)

        #expect(try store.deleteUser("u1"))

        let stored = try #require(try store.segmentModel(layer: .middle))
        #expect(stored.segments[0].size == 1 && stored.segments[0].representativeUsers == ["u2"])
        #expect(stored.segments[1].size == 0)
        #expect(stored.membership(of: "u1") == nil && stored.membership(of: "u2") == 0)
    }
}

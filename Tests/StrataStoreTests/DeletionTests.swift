import Foundation
import StrataCore
import StrataStore
import StrataTestSupport
import Testing

/// `deleteUser` leaves no byte of the user in the database's files.
@Suite struct DeletionTests {
    static let user = "forget-me-3f9c2a71"
    static let review = "zebracorn glimmerfen quasarwick"

    @Test func aDeletedUserLeavesNoTraceInAnyFile() throws {
        let fixtures = try Fixtures(.sqlite)
        let store = fixtures.store
        try fixtures.catalog()
        try store.write { writer in
            for k in 0 ..< 200 {
                try writer.insert(
                    Event(userID: "u\(k % 20)", itemID: "i\(k % 3 + 1)", type: .view, timestamp: Int64(k)))
            }
            try writer.insert(Event(userID: Self.user, itemID: "i2", type: .review, timestamp: 7, text: Self.review))
            try writer.insert(Event(userID: Self.user, itemID: "i1", type: .purchase, timestamp: 8))
            try writer.upsert(User(id: Self.user, attributes: ["city": "Gotham"]))
        }
        var model = SegmentStoreTests.model(members: [Self.user: 0, "u1": 0, "u2": 1])
        model.segments[0].representativeUsers = [Self.user, "u1"]
        try store.saveSegmentModel(model, users: nil)
        #expect(
            try !FileScan.files(under: fixtures.folder, containing: Self.user).isEmpty, "the scan can find the user")
        #expect(
            try !FileScan.files(under: fixtures.folder, containing: Self.review).isEmpty, "the scan can find the review"
        )

        #expect(try store.deleteUser(Self.user))

        #expect(try FileScan.files(under: fixtures.folder, containing: Self.user) == [])
        #expect(try FileScan.files(under: fixtures.folder, containing: Self.review) == [])
        #expect(try store.events(ofUser: Self.user).isEmpty && store.user(id: Self.user) == nil)
        let segments = try #require(try store.segmentModel(layer: .middle))
        #expect(segments.segments[0].representativeUsers == ["u1"] && segments.segments[0].size == 1)
        #expect(segments.membership(of: Self.user) == nil && segments.membership(of: "u2") == 1)
        #expect(try store.stats().users == 20 && store.events(ofUser: "u3").count == 10)
        #expect(try !store.deleteUser(Self.user))
    }
}

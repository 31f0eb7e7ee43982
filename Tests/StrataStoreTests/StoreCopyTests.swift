import Foundation
import StrataCore
import StrataStore
import Testing

/// `StoreCopy` (behind `strata migrate`) carries raw and derived data from either back-end to the other.
@Suite struct StoreCopyTests {
    @Test(arguments: [(Backend.sqlite, Backend.postgres), (.postgres, .sqlite)])
    func copyCarriesEverythingAndIsIdempotent(from: Backend, to: Backend) throws {
        let source = try StoreContractTests.stored(from)
        let layer = InterestLayer(interests: [Interest(label: "x", weight: 1, evidence: ["a"])], vector: [0.5, 0.5])
        let profile = UserProfile(
            user: "u1", surface: layer, middle: layer, deep: layer, referenceTime: 30, eventCount: 2)
        try source.store.saveProfiles([profile])
        try source.store.saveEmbeddings([ItemEmbedding(itemID: "a", textHash: "h1", vector: [1, 2, 3])], model: "m")
        try source.store.saveSegmentModel(SegmentStoreTests.model(members: ["u1": 0, "u2": 1]), users: nil)
        try source.store.saveStageRecord("profiles", json: "{}")

        let destination = try Fixtures(to)
        let first = try StoreCopy.copy(from: source.store, to: destination.store)
        #expect(first.stats.events == 3 && first.profiles == 1 && first.vectors == ["m": 1] && first.segmentModels == 1)
        #expect(try StoreCopy.copy(from: source.store, to: destination.store) == first)
        #expect(try destination.store.profile(user: "u1") == profile)
        #expect(
            try destination.store.embeddings(model: "m") == [
                ItemEmbedding(itemID: "a", textHash: "h1", vector: [1, 2, 3])
            ])
        #expect(try destination.store.segmentModel(layer: .middle) == source.store.segmentModel(layer: .middle))
        #expect(try destination.store.events(ofUser: "u1") == source.store.events(ofUser: "u1"))

        // A destination holding more than the source fails the count check.
        try destination.store.write { try $0.insert(Event(userID: "extra", itemID: "a", type: .view, timestamp: 1)) }
        #expect(throws: StoreCopy.Mismatch.self) { try StoreCopy.copy(from: source.store, to: destination.store) }
    }
}

import Foundation
import StrataCore
import StrataStore
import Testing

/// Segment models survive the store; partial membership writes touch only the given users.
@Suite struct SegmentStoreTests {
    static func model(members: [String: Int]) -> SegmentModel {
        let segments = [0, 1].map { id in
            Segment(
                id: id, label: "s\(id)", keywords: ["k\(id)"], topics: [id],
                size: members.values.filter { $0 == id }.count,
                representativeUsers: [], representativeItems: ["i\(id)"], cohesion: 0.5,
                centroid: id == 0 ? [1, 0] : [0, 1])
        }
        return SegmentModel(
            layer: .middle, algorithm: "kmeans", segments: segments,
            memberships: Dictionary(
                uniqueKeysWithValues: members.map { user, segment in
                    (
                        user,
                        SegmentMembership(
                            user: user, segment: segment,
                            memberships: [
                                WeightedSegment(segment: segment, weight: 0.75),
                                WeightedSegment(segment: 1 - segment, weight: 0.25)
                            ])
                    )
                }),
            nextID: 2, temperature: 0.05, centroidWeights: [2, 1], movedSinceFit: 1)
    }

    @Test(arguments: Backend.allCases) func segmentModelsRoundTripAndUpdateOnlyTheGivenUsers(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        let store = fixtures.store
        #expect(try store.segmentModel(layer: .middle) == nil)
        let model = Self.model(members: ["a": 0, "b": 0, "c": 1])
        try store.saveSegmentModel(model, users: nil)
        #expect(try store.segmentModel(layer: .middle) == model)
        #expect(try store.segmentModel(layer: .deep) == nil)

        var updated = model
        updated.memberships["a"]!.segment = 1
        updated.memberships["b"] = nil
        updated.memberships["c"]!.segment = 0  // not written below: the stored row stays
        try store.saveSegmentModel(updated, users: ["a", "b"])
        let loaded = try #require(try store.segmentModel(layer: .middle))
        #expect(loaded.membership(of: "a") == 1 && loaded.membership(of: "b") == nil && loaded.membership(of: "c") == 1)

        try store.saveSegmentModel(Self.model(members: ["z": 1]), users: nil)
        #expect(try store.segmentModel(layer: .middle)?.memberships.keys.sorted() == ["z"])
    }
}

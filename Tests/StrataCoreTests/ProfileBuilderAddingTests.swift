import StrataMath
import Testing

@testable import StrataCore

/// `ProfileBuilder.adding`: a builder with items added or replaced gives the profiles of a builder made from
/// scratch over the same topics and vectors.
@Suite struct ProfileBuilderAddingTests {
    /// `ProfileBuilderTests.builder()`'s items (s1, s2, h1, c1, c2) plus a0 (Space) and z9 (Heist), which
    /// sort before and after all of them, b1 (Coffee) in between, and h1's vector replaced by one half
    /// towards Coffee.
    @Test func addedAndReplacedItemsGiveTheProfilesOfABuilderFromScratch() {
        let base = ProfileBuilderTests.builder()
        var topics = base.topics
        topics.itemTopics.merge(["a0": 0, "b1": 2, "z9": 1]) { $1 }
        let h1 = VectorMath.normalized([0, 1, 1])
        let added = EmbeddingSet(
            itemIDs: ["z9", "h1", "b1", "a0"],
            vectors: Matrix(rowVectors: [[0, 1, 0], h1, [0, 0, 1], [1, 0, 0]]))
        let updated = base.adding(added, topics: topics)
        let scratch = ProfileBuilder(
            topics: topics, itemIDs: ["a0", "b1", "c1", "c2", "h1", "s1", "s2", "z9"],
            vectors: Matrix(
                rowVectors: [[1, 0, 0], [0, 0, 1], [0, 0, 1], [0, 0, 1], h1, [1, 0, 0], [1, 0, 0], [0, 1, 0]]))

        #expect(updated.vectors.rows == 8)
        #expect(updated.itemRows["h1"] == base.itemRows["h1"])  // replaced in place
        #expect(updated.vectors.row(updated.itemRows["b1"]!) == [0, 0, 1])
        #expect(updated.vectors.row(updated.itemRows["h1"]!) == h1)
        #expect(Set(updated.itemRows.keys) == Set(scratch.itemRows.keys))
        let events =
            ProfileBuilderTests.events + [
                Event(userID: "u", itemID: "a0", type: .purchase, timestamp: 20 * ProfileBuilderTests.day),
                Event(userID: "u", itemID: "b1", type: .view, timestamp: 150 * ProfileBuilderTests.day),
                Event(userID: "u", itemID: "z9", type: .click, timestamp: 180 * ProfileBuilderTests.day),
                Event(userID: "u", itemID: "h1", type: .purchase, timestamp: 185 * ProfileBuilderTests.day)
            ]
        let profile = updated.profile(user: "u", events: events)
        #expect(profile == scratch.profile(user: "u", events: events))
        #expect(profile != base.profile(user: "u", events: events))
        // Every suffix of the history, so that each item is read alone as well as among the others.
        for start in events.indices {
            let part = Array(events[start...])
            #expect(updated.profile(user: "u", events: part) == scratch.profile(user: "u", events: part))
        }
        // Evidence names items through their ranks: the newcomers' and the shifted ones' must be right.
        let evidence = Set(profile.middle.interests.flatMap(\.evidence))
        #expect(evidence.isSuperset(of: ["a0", "b1", "z9", "h1"]))
    }

    /// Replacing a known item's vector alone keeps the ranks and changes only that row.
    @Test func replacingAVectorKeepsTheOtherRows() {
        let base = ProfileBuilderTests.builder()
        let updated = base.adding(
            EmbeddingSet(itemIDs: ["c1"], vectors: Matrix(rowVectors: [[0, 1, 0]])), topics: base.topics)
        var expected = base.vectors
        for c in 0 ..< 3 { expected[base.itemRows["c1"]!, c] = c == 1 ? 1 : 0 }
        #expect(updated.vectors == expected)
        #expect(updated.itemRows == base.itemRows)
        let event = [Event(userID: "u", itemID: "c1", type: .view, timestamp: 0)]
        #expect(updated.profile(user: "u", events: event).middle.vector == [0, 1, 0])
    }
}

import StrataCore
import Testing

@Suite struct ItemTests {
    @Test func categoryPathsSplitIntoLevels() {
        let item = Item(id: "1", title: "T", categories: ["Electronics>Phones", "Gifts"])
        #expect(item.categoryLevels == [["Electronics", "Phones"], ["Gifts"]])
    }

    @Test func embeddingTextJoinsWhatTheItemHas() {
        #expect(
            Item(id: "1", title: "Alien", description: "In space", categories: ["Movies>Horror"]).embeddingText
                == "Alien. In space. Categories: Horror")
        // Known only by category: items of one shelf share one text, with no leading separator.
        #expect(Item(id: "2", title: "", categories: ["4756105"]).embeddingText == "Categories: 4756105")
        #expect(Item(id: "3", title: "", description: "Soft cotton").embeddingText == "Soft cotton")
    }

    @Test func titlesByIDLeaveOutUntitledItemsSoOutputShowsTheirIDs() {
        let items = [
            Item(id: "1", title: "Alien"), Item(id: "2", title: "", categories: ["4756105"]),
            Item(id: "1", title: "Aliens")
        ]
        let titles = items.titlesByID()
        #expect(titles == ["1": "Alien"])
        #expect(titles["2"] ?? "2" == "2")
    }
}

import StrataCore
import Testing

@Suite struct ItemTests {
    @Test func categoryPathsSplitIntoLevels() {
        let item = Item(id: "1", title: "T", categories: ["Electronics>Phones", "Gifts"])
        #expect(item.categoryLevels == [["Electronics", "Phones"], ["Gifts"]])
    }
}

import StrataCore
import Testing

@Suite struct EventTypeTests {
    @Test(arguments: [
        ("view", EventType.view), ("Page-View", .view), ("click", .click), ("LIKE", .like),
        ("add_to_cart", .cart), ("add-to-cart", .cart), ("Add To Cart", .cart), ("cart", .cart),
        ("buy", .purchase), ("order", .purchase), ("purchase", .purchase), ("rate", .rating), (" rating ", .rating),
        ("review", .review), ("comment", .review), ("tag", .tag), ("search", .search), ("query", .search),
    ])
    func namesMapToTypes(name: String, type: EventType) {
        #expect(EventType(name: name) == type)
    }

    @Test func unknownNamesAreNil() {
        #expect(EventType(name: "teleport") == nil)
        #expect(EventType(name: "") == nil)
    }
}

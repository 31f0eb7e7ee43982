import Foundation
import StrataCore
import Testing

@Suite struct EventTypeTests {
    @Test(arguments: [
        ("view", EventType.view), ("Page-View", .view), ("click", .click), ("LIKE", .like),
        ("add_to_cart", .cart), ("add-to-cart", .cart), ("Add To Cart", .cart), ("cart", .cart),
        ("pv", .view), ("fav", .like), ("buy", .purchase), ("order", .purchase), ("purchase", .purchase),
        ("rate", .rating), (" rating ", .rating),
        ("review", .review), ("comment", .review), ("tag", .tag), ("search", .search), ("query", .search)
    ])
    func namesMapToTypes(name: String, type: EventType) {
        #expect(EventType(name: name) == type)
    }

    @Test func unknownNamesAreNil() {
        #expect(EventType(name: "teleport") == nil)
        #expect(EventType(name: "") == nil)
    }
}

/// Profile settings are fingerprinted through their JSON, which must not depend on the process's hash seed.
@Suite struct ProfileConfigurationEncodingTests {
    @Test func eventWeightsEncodeAsAnObjectWithSortedKeys() throws {
        var configuration = ProfileConfiguration()
        configuration.eventWeights = [.purchase: 5, .view: 1, .cart: 3]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(configuration), as: UTF8.self)
        #expect(json.contains(#""eventWeights":{"cart":3,"purchase":5,"view":1}"#))
        #expect(try JSONDecoder().decode(ProfileConfiguration.self, from: Data(json.utf8)) == configuration)
    }
}

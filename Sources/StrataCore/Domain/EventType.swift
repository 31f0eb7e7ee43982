import Foundation

/// What a user did with an item. Other platforms' names map onto these (see `init?(name:)`).
public enum EventType: String, CaseIterable, Hashable, Sendable, Codable, CodingKeyRepresentable {
    case view, click, like, cart, purchase, rating, review, tag, search

    /// The type a platform's event name stands for, or `nil` when the name is unknown.
    ///
    /// Matching ignores case, surrounding spaces and the choice of `-`, `_` or space between words,
    /// so `add_to_cart`, `Add-To-Cart` and `add to cart` all mean `.cart`.
    public init?(name: String) {
        let key = String(
            name.trimmingCharacters(in: .whitespaces).lowercased()
                .map { $0 == "-" || $0 == " " ? "_" : $0 })
        if let type = EventType(rawValue: key) ?? EventType.synonyms[key] {
            self = type
        } else {
            return nil
        }
    }

    /// Names other platforms use, already normalised (lower case, `_` between words).
    public static let synonyms: [String: EventType] = [
        "views": .view, "viewed": .view, "page_view": .view, "pageview": .view, "pv": .view, "detail_view": .view,
        "watch": .view, "watched": .view, "play": .view, "read": .view,
        "clicks": .click, "clicked": .click, "tap": .click, "open": .click,
        "likes": .like, "liked": .like, "favorite": .like, "favourite": .like, "fav": .like,
        "upvote": .like, "bookmark": .like, "save": .like, "wishlist": .like,
        "add_to_cart": .cart, "addtocart": .cart, "add_cart": .cart, "basket": .cart, "add_to_basket": .cart,
        "purchases": .purchase, "purchased": .purchase, "buy": .purchase, "bought": .purchase,
        "order": .purchase, "ordered": .purchase, "transaction": .purchase, "checkout": .purchase,
        "rate": .rating, "rated": .rating, "ratings": .rating, "score": .rating, "stars": .rating,
        "reviews": .review, "reviewed": .review, "comment": .review, "commented": .review,
        "tags": .tag, "tagged": .tag, "label": .tag,
        "searches": .search, "searched": .search, "query": .search
    ]
}

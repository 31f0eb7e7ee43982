/// The sizes of a shop-shaped log: how many users, items, events and leaf categories, and the seed.
/// Everything else (roots, segments, id widths) follows from these.
public struct ShopShape: Sendable, Hashable {
    /// The seed of every random draw: the same shape gives the same bytes.
    public var seed: UInt64
    /// How many users act (each at least once).
    public var users: Int
    /// How many items the catalog holds.
    public var items: Int
    /// How many events the log holds in total.
    public var events: Int
    /// How many leaf categories the items are spread over.
    public var categories: Int

    /// A shape; `categories` defaults to `defaultCategories(items:)`.
    public init(seed: UInt64, users: Int, items: Int, events: Int, categories: Int? = nil) {
        self.seed = seed
        self.users = users
        self.items = items
        self.events = events
        self.categories = categories ?? Self.defaultCategories(items: items)
    }

    /// The default number of leaf categories: one per 200 items, at least 10.
    public static func defaultCategories(items: Int) -> Int { max(10, items / 200) }

    /// How many root categories group the leaves: about the square root of the leaves.
    public var roots: Int { max(1, Int(Double(categories).squareRoot().rounded())) }

    /// How many planted segments there are: each owns two leaf categories no other segment owns.
    public var segments: Int { max(1, categories / 2) }

    /// The width of the zero-padded number in an item id (`i0000001`): at least 7 digits.
    var itemIDWidth: Int { max(7, String(items).count) }

    /// The width of the zero-padded number in a user id (`u0000001`): at least 7 digits.
    var userIDWidth: Int { max(7, String(users).count) }

    /// Throws a `ShopShapeError` saying what is wrong when the sizes cannot make a log.
    public func validate() throws {
        if users < 1 { throw ShopShapeError("users must be at least 1, got \(users)") }
        if categories < 2 {
            throw ShopShapeError("categories must be at least 2 (each user has two long-term ones), got \(categories)")
        }
        if items < categories {
            throw ShopShapeError(
                "items (\(items)) must be at least the number of leaf categories (\(categories)), "
                    + "so that every category holds an item; ask for fewer categories or more items")
        }
        if events < users {
            throw ShopShapeError(
                "events (\(events)) must be at least the number of users (\(users)), "
                    + "since every user acts at least once; ask for more events or fewer users")
        }
    }
}

/// Why a `ShopShape` cannot make a log.
public struct ShopShapeError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

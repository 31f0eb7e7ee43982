/// Something a platform offers: a product, a movie, an article.
public struct Item: Hashable, Sendable, Codable {
    /// The platform's own identifier.
    public var id: String
    public var title: String
    public var description: String
    /// Category paths, most general first within each path, e.g. `Electronics>Phones`.
    public var categories: [String]
    /// Free attributes such as `year`, `brand` or `price`.
    public var attributes: [String: String]

    public init(
        id: String, title: String, description: String = "", categories: [String] = [],
        attributes: [String: String] = [:]
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.categories = categories
        self.attributes = attributes
    }

    /// The separator between the levels of one category path.
    public static let categoryLevelSeparator: Character = ">"

    /// The levels of each category path, e.g. `["Electronics", "Phones"]` for `Electronics>Phones`.
    public var categoryLevels: [[String]] {
        categories.map { $0.split(separator: Item.categoryLevelSeparator).map(String.init) }
    }
}

extension Sequence<Item> {
    /// The titles of the items that have one, by id (the first of repeated ids wins). Output names an
    /// item missing here, one known only by its id and category, by its id.
    public func titlesByID() -> [String: String] {
        Dictionary(lazy.filter { !$0.title.isEmpty }.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    }
}

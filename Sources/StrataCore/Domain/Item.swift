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

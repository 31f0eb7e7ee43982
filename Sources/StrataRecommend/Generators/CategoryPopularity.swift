import StrataMath

/// Category shelves: the categories of the user's latest visits, and within a category its most popular
/// items — what a visitor browsed lately says which shelves to show, and a shelf's best sellers are a
/// strong signal on shop logs.
///
/// Lexicographic: a category's weight is the sum of `decay^age` over the user's latest `recentWindow`
/// visits in it (age 0 = the latest; repeats count each time), and an item scores its categories' weights
/// plus `tieBreak × (1 − rank / perCategory)` by its rank on the shelf (most users first, ties to the
/// lower item id, numerically when ids are integers), so popularity only orders items within equally
/// weighted categories (exactly when `decay` is 1: weights then differ by whole visits). Everyone's most
/// popular items follow at `tieBreak²` scale, so a user with few shelves still gets a full list. Each
/// category keeps its `perCategory` most popular items, so a request costs at most
/// `recentWindow × perCategory` additions whatever the catalog's size.
public struct CategoryPopularity: SparselyScoring {
    /// How many latest visits say which categories the user browses.
    public let recentWindow: Int
    /// How much each older visit counts relative to the one after it (1 = every visit alike).
    public let decay: Float
    /// How many of each category's most popular items it scores.
    public let perCategory: Int
    /// The scale of a shelf's order against a category's weight (see the type's description).
    public static let tieBreak: Float = 1e-2
    private let categories: ItemCategories
    /// For each category, its most popular items with their order score (1 for the first, falling).
    private let shelves: [[(item: Int, order: Float)]]
    /// Everyone's `perCategory` most popular items with their order score.
    private let overall: [(item: Int, order: Float)]

    public var name: String { "category-popularity" }

    /// Shelves every category's most popular items of `matrix`.
    ///
    /// - Parameters:
    ///   - matrix: The training interactions; an item's popularity is its number of users, and items nobody had are
    ///     never scored.
    ///   - categories: The category codes of each catalog column of `matrix` (an item in several categories is on
    ///     each of their shelves).
    ///   - recentWindow: How many of the user's latest visits weigh the categories. 0 scores by popularity alone.
    ///   - decay: The factor by which each older visit counts less, in (0, 1].
    ///   - perCategory: How many of each category's most popular items are scored (ties: the lower column).
    public init(
        fitting matrix: InteractionMatrix, categories: ItemCategories, recentWindow: Int, decay: Float = 1,
        perCategory: Int = 500
    ) throws {
        guard recentWindow >= 0 else {
            throw RecommendError.invalidParameter(
                name: "category window", value: "\(recentWindow)", expected: "0 or more")
        }
        guard decay > 0, decay <= 1 else {
            throw RecommendError.invalidParameter(name: "category decay", value: "\(decay)", expected: "in (0, 1]")
        }
        self.recentWindow = recentWindow
        self.decay = decay
        self.perCategory = max(1, perCategory)
        self.categories = categories
        let counts = matrix.itemCounts
        var members = [[Int]](repeating: [], count: categories.count)
        let byID = Self.idOrder(matrix.itemIDs)
        for item in byID where counts[item] > 0 {
            for code in categories.codes[item] { members[Int(code)].append(item) }
        }
        let shelf = { [perCategory = self.perCategory] (items: [Int]) -> [(item: Int, order: Float)] in
            TopK.largest(items.map { Float(counts[$0]) }, k: perCategory).enumerated().map { rank, best in
                (item: items[best.index], order: 1 - Float(rank) / Float(perCategory))
            }
        }
        shelves = members.map(shelf)
        overall = shelf(byID.filter { counts[$0] > 0 })
    }

    /// The tops of the user's recent shelves, then everyone's most popular items.
    public func sparseScores(for user: UserContext) -> [Int: Float] {
        var scores = [Int: Float]()
        for (item, order) in overall { scores[item] = Self.tieBreak * Self.tieBreak * order }
        for (code, weight) in weights(user) {
            for (item, order) in shelves[Int(code)] { scores[item, default: 0] += weight + Self.tieBreak * order }
        }
        return scores
    }

    /// The catalog columns by item id: numerically when every id is an integer, else as text.
    static func idOrder(_ itemIDs: [String]) -> [Int] {
        let numbers = itemIDs.map { Int($0) }
        if numbers.allSatisfy({ $0 != nil }) { return itemIDs.indices.sorted { numbers[$0]! < numbers[$1]! } }
        return itemIDs.indices.sorted { itemIDs[$0] < itemIDs[$1] }
    }

    /// The weight of each category of the user's latest visits, by category code (a fixed order, so sums
    /// come out the same in every run).
    func weights(_ user: UserContext) -> [(code: Int32, weight: Float)] {
        var weights = [Int32: Float]()
        var factor: Float = 1
        for item in user.latestVisits(recentWindow).reversed() {
            for code in categories.codes[item] { weights[code, default: 0] += factor }
            factor *= decay
        }
        return weights.sorted { $0.key < $1.key }.map { (code: $0.key, weight: $0.value) }
    }

    public func scores(for users: [UserContext]) -> Matrix {
        let width = categories.codes.count
        var out = Matrix(rows: users.count, columns: width)
        out.values.withUnsafeMutableBufferPointer { values in
            for (row, user) in users.enumerated() {
                let base = row * width
                for (item, score) in sparseScores(for: user) { values[base + item] = score }
            }
        }
        return out
    }
}

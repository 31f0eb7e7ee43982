import StrataMath

/// Popularity within the categories of the user's latest items: what a visitor browsed lately says
/// which shelves to show, and a shelf's best sellers are a strong signal on shop logs.
///
/// `score(i) = Σ_c share(c) · users(i) / users(top item of c)` over the categories `c` of item `i`,
/// where `share(c)` is the share of the user's latest `recentWindow` items in `c`. Each category keeps
/// its `perCategory` most popular items, so a request costs at most `recentWindow × perCategory`
/// additions whatever the catalog's size.
public struct CategoryPopularity: SparselyScoring {
    /// How many latest items say which categories the user browses (the surface layer's size).
    public let recentWindow: Int
    /// How many of each category's most popular items it scores.
    public let perCategory: Int
    private let categories: ItemCategories
    /// For each category, its most popular items with their users relative to the category's top item.
    private let shelves: [[(item: Int, relative: Float)]]

    public var name: String { "category-popularity" }

    /// Shelves every category's most popular items of `matrix`.
    ///
    /// - Parameters:
    ///   - matrix: The training interactions; an item's popularity is its number of users, and items nobody had are
    ///     never scored.
    ///   - categories: The category codes of each catalog column of `matrix` (an item in several categories is on
    ///     each of their shelves).
    ///   - recentWindow: How many of the user's latest items set the category shares; each counts 1 / (items in the
    ///     window) towards every one of its categories. 0 scores nothing; negative traps when scoring.
    ///   - perCategory: How many of each category's most popular items are scored (ties: the lower column); 0 or less
    ///     scores nothing.
    public init(
        fitting matrix: InteractionMatrix, categories: ItemCategories, recentWindow: Int, perCategory: Int = 500
    ) {
        self.recentWindow = recentWindow
        self.perCategory = perCategory
        self.categories = categories
        let counts = matrix.itemCounts
        var members = [[Int]](repeating: [], count: categories.count)
        for (item, codes) in categories.codes.enumerated() where counts[item] > 0 {
            for code in codes { members[Int(code)].append(item) }
        }
        shelves = members.map { items in
            let best = TopK.largest(items.map { Float(counts[$0]) }, k: perCategory)
            guard let top = best.first?.score else { return [] }
            return best.map { (item: items[$0.index], relative: $0.score / top) }
        }
    }

    /// The tops of the user's recent shelves: at most `recentWindow × perCategory` items.
    public func sparseScores(for user: UserContext) -> [Int: Float] {
        var scores = [Int: Float]()
        for (code, share) in shares(user) {
            for (item, relative) in shelves[Int(code)] { scores[item, default: 0] += share * relative }
        }
        return scores
    }

    /// The share of the user's latest items in each of their categories, by category code (a fixed
    /// order, so sums come out the same in every run).
    private func shares(_ user: UserContext) -> [(code: Int32, share: Float)] {
        let recent = user.items.suffix(recentWindow)
        var shares = [Int32: Float]()
        for item in recent {
            for code in categories.codes[item] { shares[code, default: 0] += 1 / Float(recent.count) }
        }
        return shares.sorted { $0.key < $1.key }.map { (code: $0.key, share: $0.value) }
    }

    public func scores(for users: [UserContext]) -> Matrix {
        let width = categories.codes.count
        var out = Matrix(rows: users.count, columns: width)
        out.values.withUnsafeMutableBufferPointer { values in
            for (row, user) in users.enumerated() {
                let base = row * width
                for (code, share) in shares(user) {
                    for (item, relative) in shelves[Int(code)] { values[base + item] += share * relative }
                }
            }
        }
        return out
    }
}

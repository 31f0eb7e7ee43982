/// Each catalog item's categories (full paths such as `Electronics>Phones`) as small integer codes, for generators that work by category.
public struct ItemCategories: Sendable {
    /// The category codes of every catalog column.
    public let codes: [[Int32]]
    /// How many distinct categories there are (codes run from 0).
    public let count: Int

    /// Codes for the catalog `itemIDs` from each item's category names (item id → names); items
    /// without an entry have none.
    public init(itemIDs: [String], categories: [String: [String]]) {
        var code = [String: Int32]()
        codes = itemIDs.map { id in
            (categories[id] ?? []).map { name in
                if let known = code[name] { return known }
                let next = Int32(code.count)
                code[name] = next
                return next
            }
        }
        count = code.count
    }
}

/// Who interacted with what, as catalog column indices: the input every collaborative generator fits on.
public struct InteractionMatrix: Sendable {
    /// The catalog, one column per item.
    public let itemIDs: [String]
    /// The column of every catalog item.
    public let itemIndex: [String: Int]
    /// The users, one row each.
    public let userIDs: [String]
    /// The row of every user.
    public let userIndex: [String: Int]
    /// Each user's distinct items as columns, in the order they were first seen.
    public let userItems: [[Int]]

    /// A matrix over the catalog `itemIDs` from each user's items in chronological order; items outside
    /// the catalog are left out, repeats count once.
    public init(itemIDs: [String], histories: [(user: String, items: [String])]) {
        self.itemIDs = itemIDs
        var index = [String: Int](minimumCapacity: itemIDs.count)
        for (column, id) in itemIDs.enumerated() { index[id] = column }
        itemIndex = index
        userIDs = histories.map(\.user)
        userIndex = Dictionary(histories.enumerated().map { ($1.user, $0) }, uniquingKeysWith: { a, _ in a })
        userItems = histories.map { history in
            var seen = Set<Int>()
            return history.items.compactMap { index[$0] }.filter { seen.insert($0).inserted }
        }
    }

    /// How many users interacted with each catalog item.
    public var itemCounts: [Int] {
        var counts = [Int](repeating: 0, count: itemIDs.count)
        for items in userItems { for item in items { counts[item] += 1 } }
        return counts
    }
}

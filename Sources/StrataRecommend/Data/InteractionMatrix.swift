import StrataCore

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
    /// When each of `userItems` was first seen (Unix seconds), aligned with it; empty when the histories
    /// came without times.
    public let userItemTimes: [[Int64]]
    /// Each user's latest `recentLimit` interactions as columns, repeats kept, oldest first: what the
    /// generators that read the order of visits (category shelves, co-visitation) read.
    public let userRecent: [[Int32]]
    /// Each user's latest interaction time (Unix seconds); empty when the histories came without times.
    public let userLastTimes: [Int64]

    /// How many latest interactions `userRecent` keeps per user.
    public static let recentLimit = 50

    /// A matrix over the catalog `itemIDs` from each user's items in chronological order; items outside
    /// the catalog are left out, repeats count once in `userItems`. `times`, when given, holds the
    /// Unix seconds of every history entry (`times[u][n]` is when `histories[u].items[n]` happened).
    public init(itemIDs: [String], histories: [(user: String, items: [String])], times: [[Int64]] = []) {
        precondition(times.isEmpty || times.count == histories.count, "one list of times per history")
        self.itemIDs = itemIDs
        var index = [String: Int](minimumCapacity: itemIDs.count)
        for (column, id) in itemIDs.enumerated() { index[id] = column }
        itemIndex = index
        userIDs = histories.map(\.user)
        userIndex = Dictionary(histories.enumerated().map { ($1.user, $0) }, uniquingKeysWith: { a, _ in a })
        var userItems = [[Int]]()
        var userItemTimes = [[Int64]]()
        var userRecent = [[Int32]]()
        var userLastTimes = [Int64]()
        userItems.reserveCapacity(histories.count)
        userRecent.reserveCapacity(histories.count)
        for (u, history) in histories.enumerated() {
            var seen = Set<Int>()
            var items = [Int]()
            var firstTimes = [Int64]()
            var columns = [Int32]()
            for (n, id) in history.items.enumerated() {
                guard let column = index[id] else { continue }
                columns.append(Int32(column))
                if seen.insert(column).inserted {
                    items.append(column)
                    if !times.isEmpty { firstTimes.append(times[u][n]) }
                }
            }
            userItems.append(items)
            userRecent.append(Array(columns.suffix(Self.recentLimit)))
            if !times.isEmpty {
                userItemTimes.append(firstTimes)
                userLastTimes.append(times[u].max() ?? 0)
            }
        }
        self.userItems = userItems
        self.userItemTimes = userItemTimes
        self.userRecent = userRecent
        self.userLastTimes = userLastTimes
    }

    /// How many users interacted with each catalog item.
    public var itemCounts: [Int] {
        var counts = [Int](repeating: 0, count: itemIDs.count)
        for items in userItems { for item in items { counts[item] += 1 } }
        return counts
    }

    /// The context of the user in `row`: their items, latest visits and last time, with what else is known.
    public func context(row: Int, profile: UserProfile? = nil, segment: Int? = nil, excluded: [Int]? = nil)
        -> UserContext
    {
        var context = UserContext(
            user: userIDs[row], items: userItems[row], profile: profile, segment: segment, excluded: excluded)
        context.recent = userRecent[row].map(Int.init)
        context.lastTime = userLastTimes.isEmpty ? nil : userLastTimes[row]
        return context
    }
}

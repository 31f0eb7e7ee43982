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
            let row = Self.row(history.items, times: times.isEmpty ? nil : times[u], index: index)
            userItems.append(row.items)
            userRecent.append(row.recent)
            if let firstTimes = row.firstTimes {
                userItemTimes.append(firstTimes)
                userLastTimes.append(row.lastTime ?? 0)
            }
        }
        self.userItems = userItems
        self.userItemTimes = userItemTimes
        self.userRecent = userRecent
        self.userLastTimes = userLastTimes
    }

    /// One history's row: its distinct catalog columns in the order first seen (with when each was first
    /// seen, given `times`), its latest `recentLimit` columns with repeats, and its latest time.
    private static func row(_ items: [String], times: [Int64]?, index: [String: Int]) -> (
        items: [Int], firstTimes: [Int64]?, recent: [Int32], lastTime: Int64?
    ) {
        var seen = Set<Int>()
        var columns = [Int]()
        var firstTimes = [Int64]()
        var visits = [Int32]()
        for (n, id) in items.enumerated() {
            guard let column = index[id] else { continue }
            visits.append(Int32(column))
            if seen.insert(column).inserted {
                columns.append(column)
                if let times { firstTimes.append(times[n]) }
            }
        }
        return (
            columns, times.map { _ in firstTimes }, Array(visits.suffix(recentLimit)), times.map { $0.max() ?? 0 }
        )
    }

    /// The context of a user with the interaction history `items` (item ids, oldest first) at `times` (Unix
    /// seconds, one per item), as `context(row:…)` gives it for a user fitted with that history: what a
    /// batch of users the matrix was not fitted on (or fitted on before) is ranked with. Items outside the
    /// catalog are left out.
    public func context(
        user: String, items: [String], times: [Int64], profile: UserProfile? = nil, segment: Int? = nil,
        excluded: [Int]? = nil
    ) -> UserContext {
        precondition(times.count == items.count, "one time per item")
        let row = Self.row(items, times: times, index: itemIndex)
        var context = UserContext(user: user, items: row.items, profile: profile, segment: segment, excluded: excluded)
        context.recent = row.recent.map(Int.init)
        context.lastTime = row.lastTime
        return context
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

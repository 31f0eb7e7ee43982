/// Per-user score sums kept over long histories, for generators whose score row for a user is a sum
/// of one row per item of their history (EASE, ItemKNN): a request then adds only the items observed
/// since the sum was kept, however long the history.
///
/// A kept sum covers the first items of the user's history, so it stays right while items are only
/// appended (as `Recommender.observe` does).
///
/// The sums are bounded by `maximumBytes`, not by the number of users: once it is reached, further users
/// are summed per request (`Recommender.keepUserStates` keeps the longest histories first).
struct KeptSums: Sendable {
    /// Histories at least this long have their sum kept: below it, adding the rows per request costs little.
    static let minimumHistory = 64
    /// The most memory the sums take (4 bytes per entry); 512 MB holds 13,000 sums over EASE's 10,000-item head.
    var maximumBytes = 512 << 20

    private var sums = [String: (itemCount: Int, sum: [Float])]()

    /// How many users have a kept sum.
    var count: Int { sums.count }

    /// Brings `user`'s sum up to date when their history is long, starting from `zero` and adding the
    /// rows of the items not yet covered with `add`.
    mutating func keep(_ user: UserContext, zero: [Float], add: (ArraySlice<Int>, inout [Float]) -> Void) {
        guard user.items.count >= Self.minimumHistory, sums[user.user]?.itemCount != user.items.count else { return }
        guard sums[user.user] != nil || (sums.count + 1) * zero.count * 4 <= maximumBytes else { return }
        var entry = sums.removeValue(forKey: user.user) ?? (0, zero)
        if entry.itemCount > user.items.count { entry = (0, zero) }
        add(user.items[entry.itemCount...], &entry.sum)
        entry.itemCount = user.items.count
        sums[user.user] = entry
    }

    /// Drops `user`'s sum.
    mutating func forget(user: String) {
        sums[user] = nil
    }

    /// Where a request for `user` starts: the kept sum and the items it does not cover yet, or `zero`
    /// and the whole history.
    func start(for user: UserContext, zero: [Float]) -> (sum: [Float], items: ArraySlice<Int>) {
        guard let kept = sums[user.user], kept.itemCount <= user.items.count else { return (zero, user.items[...]) }
        return (kept.sum, user.items[kept.itemCount...])
    }
}

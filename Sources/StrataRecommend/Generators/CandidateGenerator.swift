import StrataMath

/// A source of candidate scores. Small catalogs are ranked densely (`scores(for:)`, one row over the
/// whole catalog per user); large ones over the union of each generator's best candidates
/// (`candidates(for:count:)`), which every generator then scores (`scores(for:items:)`).
public protocol CandidateGenerator: Sendable {
    /// A short name for tables, weights and logs.
    var name: String { get }
    /// One row per user in `users` (in order), one column per catalog item; higher is better.
    func scores(for users: [UserContext]) -> Matrix
    /// The user's `count` best items (catalog columns, best first), leaving out their own items.
    func candidates(for user: UserContext, count: Int) -> [Int]
    /// `candidates(for:count:)` of each of `users`, in order: a block of users at once, for generators
    /// that find many users' candidates faster together than one by one.
    func candidates(for users: [UserContext], count: Int) -> [[Int]]
    /// The user's scores of `items` (catalog columns), as `scores(for:)` gives them.
    func scores(for user: UserContext, items: [Int]) -> [Float]
}

extension CandidateGenerator {
    /// From the dense row: O(catalog) per user. Generators that can find their best items without
    /// scoring the whole catalog override it.
    public func candidates(for user: UserContext, count: Int) -> [Int] {
        TopK.largest(scores(for: [user]).values, k: count, excluding: Set(user.exclusions)).map(\.index)
    }

    /// One user after another.
    public func candidates(for users: [UserContext], count: Int) -> [[Int]] {
        users.map { candidates(for: $0, count: count) }
    }

    /// From the dense row: O(catalog) per user; overridden where a lookup is cheaper.
    public func scores(for user: UserContext, items: [Int]) -> [Float] {
        let row = scores(for: [user]).values
        return items.map { row[$0] }
    }
}

/// A generator that keeps state per user to answer faster, brought up to date as their history grows.
public protocol UserStateKeeping: CandidateGenerator {
    /// Brings what is kept for `user` up to date with their context.
    mutating func keep(_ user: UserContext)
    /// Drops what is kept for `user`.
    mutating func forget(user: String)
}

/// A generator whose score for a user is non-zero on a few items only (neighbours, shelves): it
/// proposes and scores from those, whatever the catalog's size.
public protocol SparselyScoring: CandidateGenerator {
    /// The user's non-zero scores by catalog column, summed as the dense row sums them.
    func sparseScores(for user: UserContext) -> [Int: Float]
}

extension SparselyScoring {
    public func candidates(for user: UserContext, count: Int) -> [Int] {
        var scores = sparseScores(for: user)
        for item in user.exclusions { scores[item] = nil }
        let columns = scores.keys.sorted()
        return TopK.largest(columns.map { scores[$0]! }, k: count).map { columns[$0.index] }
    }

    public func scores(for user: UserContext, items: [Int]) -> [Float] {
        let scores = sparseScores(for: user)
        return items.map { scores[$0] ?? 0 }
    }
}

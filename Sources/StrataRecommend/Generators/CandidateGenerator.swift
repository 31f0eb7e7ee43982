import StrataMath

/// A source of candidate scores over the whole catalog.
public protocol CandidateGenerator: Sendable {
    /// A short name for tables, weights and logs.
    var name: String { get }
    /// One row per user in `users` (in order), one column per catalog item; higher is better.
    func scores(for users: [UserContext]) -> Matrix
}

/// A generator that keeps state per user to answer faster, brought up to date as their history grows.
public protocol UserStateKeeping: CandidateGenerator {
    /// Brings what is kept for `user` up to date with their context.
    mutating func keep(_ user: UserContext)
    /// Drops what is kept for `user`.
    mutating func forget(user: String)
}

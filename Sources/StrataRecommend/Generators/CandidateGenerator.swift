import StrataMath

/// A source of candidate scores over the whole catalog.
public protocol CandidateGenerator: Sendable {
    /// A short name for tables, weights and logs.
    var name: String { get }
    /// One row per user in `users` (in order), one column per catalog item; higher is better.
    func scores(for users: [UserContext]) -> Matrix
}

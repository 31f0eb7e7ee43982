/// A store that other processes write too (several `strata serve` on one database), and that tells a
/// process when another one stored events.
public protocol SharedStore: Store {
    /// Calls `handler`, on a background thread, with the users whose events another process stored,
    /// shortly after that process committed them; follows until the store is released, reconnecting when
    /// the connection breaks.
    func followEvents(_ handler: @escaping @Sendable (_ users: [String]) -> Void)
    /// Whether the database answers a trivial query now.
    func isReachable() -> Bool
}

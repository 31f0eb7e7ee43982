import Synchronization

/// The models a server refits in the background, one process at a time (`Store.whileFitting`).
public enum FitKind: String, CaseIterable, Hashable, Sendable {
    case segments, recommender
}

/// Fit locks held in this process: what a store of one machine uses for `Store.whileFitting`.
package final class ProcessFitLocks: Sendable {
    private let held = Mutex<Set<FitKind>>([])

    package init() {}

    /// Runs `body` holding `fit`'s lock unless it is held already; `nil` then.
    package func whileHolding<T>(_ fit: FitKind, _ body: () throws -> T) rethrows -> T? {
        guard held.withLock({ $0.insert(fit).inserted }) else { return nil }
        defer { _ = held.withLock { $0.remove(fit) } }
        return try body()
    }
}

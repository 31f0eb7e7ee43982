import StrataCore
import StrataStore

/// The reads and writes a long-running process (the server) needs besides the write path for events
/// (`ingest`, `reread`): through these it needs no store handle of its own, and every write it makes
/// goes through the pipeline.
extension Pipeline {
    /// Every stored profile, in user-id order.
    public func storedProfiles() throws -> [UserProfile] {
        try store.profiles()
    }

    /// `user`'s stored profile; `nil` when they have none.
    public func storedProfile(of user: String) throws -> UserProfile? {
        try store.profile(user: user)
    }

    /// Every stored profile cut to `layer` (`UserProfile.keeping(only:)`), in the store's order: a third
    /// of the memory of whole profiles, for fitting segments.
    public func storedProfiles(keeping layer: LayerKind) throws -> [UserProfile] {
        var profiles = [UserProfile]()
        try store.forEachProfile { profiles.append($0.keeping(only: layer)) }
        return profiles
    }

    /// The stored users the platform gave attributes (for cold start), in id order.
    public func usersWithAttributes() throws -> [User] {
        try store.users().filter { !$0.attributes.isEmpty }
    }

    /// Stores `items` in one transaction, each inserted, updated or found unchanged (in the order given);
    /// if one fails, none is stored. Their vectors and topics are brought up to date by `builder(_:knowing:)`.
    public func upsertItems(_ items: [Item]) throws -> [UpsertOutcome] {
        try store.write { writer in try items.map { try writer.upsert($0) } }
    }

    /// The store as shared by several processes (fit numbers, fitted segments for the others to adopt,
    /// their changes to follow), or `nil` for a store of this machine alone.
    public var sharedStore: (any SharedStore)? {
        store as? any SharedStore
    }
}

extension Pipeline {
    /// What may be asked of the pipeline's store while another thread holds the pipeline (a server's
    /// health check and fit locks, while a write runs).
    public var locks: StoreLocks { StoreLocks(store: store) }
}

/// The part of a pipeline's store that is safe to use beside the pipeline from any thread: fit locks
/// and, on a shared store, whether the database answers. Writes and reads of data go through the
/// pipeline itself.
public struct StoreLocks: Sendable {
    let store: any Store

    /// Runs `body` holding the lock of `fit`, unless another holder has it (`Store.whileFitting`): another
    /// caller in this process or, on a shared store, another process; `nil` then, without running `body`.
    public func whileFitting<T>(_ fit: FitKind, _ body: () throws -> T) throws -> T? {
        try store.whileFitting(fit, body)
    }

    /// Whether the store answers now: always for a store of this machine, asked for a shared one.
    public func storeIsReachable() -> Bool {
        (store as? any SharedStore)?.isReachable() ?? true
    }
}

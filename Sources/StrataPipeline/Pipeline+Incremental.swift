import StrataCore
import StrataStore

/// The reads and writes a long-running process (the server) needs to keep its in-memory state in step
/// with the store, event batch by event batch, besides `storeEvents` and `checkItems`: through these it
/// needs no store handle of its own, and every write it makes goes through the pipeline.
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

    /// `user`'s stored events as a profile history for `builder` (what `ProfileBuilder.profile(user:events:)`
    /// reads), to which later batches are added in memory instead of reading them again.
    public func history(of user: String, builder: ProfileBuilder) throws -> ProfileHistory {
        var history = ProfileHistory()
        history.add(try store.events(ofUser: user), builder: builder)
        return history
    }

    /// The items of `user`'s stored interactions in time order (ties by item id), and those of them
    /// purchased: what a recommender observes of a user whose history it rebuilds.
    public func storedInteractions(of user: String) throws -> (items: [String], purchased: [String]) {
        let events = try store.events(ofUser: user).filter(\.type.isInteraction)
            .sorted { ($0.timestamp, $0.itemID) < ($1.timestamp, $1.itemID) }
        return (events.map(\.itemID), events.filter { $0.type == .purchase }.map(\.itemID))
    }

    /// Stores `profiles` (one transaction), replacing the users' earlier ones; the caller built them from
    /// the users' current events (a profile is stored as current only by `recordProfilesCurrent`).
    public func saveProfiles(_ profiles: [UserProfile]) throws {
        try store.saveProfiles(profiles)
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

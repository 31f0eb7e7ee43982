import StrataCore
import StrataMath

/// Where Strata keeps a platform's catalog, users, events and item vectors.
///
/// Each backend is a target of its own: SQLite (StrataSQLite) is the embedded default, PostgreSQL
/// (StrataPostgres) is shared by several processes; `StoreLocation.open` (StrataBackends) opens either.
/// Every write goes through `write(_:)`, one transaction: either all of it is stored or none of it.
public protocol Store: AnyObject, Sendable {
    /// Counts of users, items and events, and the events' time range.
    func stats() throws -> StoreStats

    /// All items, ordered by id.
    func items() throws -> [Item]
    /// The item with this id, if stored.
    func item(id: String) throws -> Item?
    /// All users, ordered by id.
    func users() throws -> [User]
    /// The user with this id, if stored.
    func user(id: String) throws -> User?
    /// One user's events in time order (ties broken by item id, then type).
    func events(ofUser userID: String) throws -> [Event]
    /// One item's events in time order.
    func events(ofItem itemID: String) throws -> [Event]
    /// Every event, grouped by user (users in id order), each user's in time order — without
    /// holding them all in memory.
    func forEachEvent(_ body: (Event) throws -> Void) throws

    /// Removes the user, their events, their profile and everything else derived from them, in one
    /// transaction; `false` when the user was not stored.
    func deleteUser(_ userID: String) throws -> Bool

    /// Runs `body` in one transaction; if it throws, nothing it wrote is kept.
    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T

    /// Items whose vector for `model` is missing or was computed from a different text, with the
    /// text `text(item)` to embed now.
    func itemsLackingEmbedding(model: String, text: (Item) -> String) throws -> [EmbeddingInput]
    /// Of the stored items among `ids`, those whose vector for `model` is missing or was computed from a
    /// different text, in item-id order, with the text `text(item)` to embed now: what
    /// `itemsLackingEmbedding(model:text:)` gives for these items, reading only their rows.
    func itemsLackingEmbedding(model: String, among ids: [String], text: (Item) -> String) throws -> [EmbeddingInput]
    /// Stores vectors for `model`, replacing older ones of the same items.
    func saveEmbeddings(_ embeddings: [ItemEmbedding], model: String) throws
    /// All stored vectors of `model`, one row per item, rows in item-id order.
    func loadEmbeddings(model: String) throws -> EmbeddingSet
    /// All stored vectors of `model` with the hashes of their texts, in item-id order.
    func embeddings(model: String) throws -> [ItemEmbedding]

    /// The topics fitted on the vectors of `model`, if any.
    func topicModel(model: String) throws -> TopicModel?
    /// Stores `topics`, replacing earlier topics of the same model.
    func saveTopicModel(_ topics: TopicModel) throws
    /// The stored profile of `user`, if any.
    func profile(user: String) throws -> UserProfile?
    /// Hands `body` every stored profile, in user-id order, one at a time: the store holds a page of them at
    /// most, so a caller that keeps part of each (one layer, say) never holds them all whole.
    func forEachProfile(_ body: (UserProfile) throws -> Void) throws
    /// Stores `profiles` in one transaction, replacing the users' earlier ones.
    func saveProfiles(_ profiles: [UserProfile]) throws
    /// The record of what derived `stage` was last computed from (JSON; see `saveStageRecord`).
    func stageRecord(_ stage: String) throws -> String?
    /// Stores the record of what `stage` was computed from, replacing the previous one.
    func saveStageRecord(_ stage: String, json: String) throws
    /// Every stage record, by stage.
    func stageRecords() throws -> [String: String]
    /// The text encoders (model ids) with stored vectors or topics, sorted.
    func modelIDs() throws -> [String]
    /// The stored segments of `layer` with every segmented user's memberships, if any.
    func segmentModel(layer: LayerKind) throws -> SegmentModel?
    /// Stores `model` in one transaction, replacing the layer's segments; of the memberships, replaces
    /// all of them when `users` is `nil`, otherwise writes (or, when no longer segmented, deletes) only those users'.
    func saveSegmentModel(_ model: SegmentModel, users: [String]?) throws

    /// Runs `body` holding the lock of `fit`, unless another holder has it: a caller in this process or,
    /// for a shared store, another process (which releases it when it ends, however it ends); `nil` then,
    /// without running `body`.
    func whileFitting<T>(_ fit: FitKind, _ body: () throws -> T) throws -> T?
}

/// The writing side of a store inside one transaction.
public protocol StoreWriter {
    /// Stores `event` unless an event with the same user, item, type and timestamp is there;
    /// `true` when it was new. Creates the user if unknown. The item must exist (see `containsItem`).
    @discardableResult func insert(_ event: Event) throws -> Bool
    /// Stores `item`, or updates the stored one when a field differs.
    @discardableResult func upsert(_ item: Item) throws -> UpsertOutcome
    /// Stores `user`, or updates the stored attributes when they differ.
    @discardableResult func upsert(_ user: User) throws -> UpsertOutcome
    /// Stores a bare item (id only) unless the id is there; `true` when it was new.
    @discardableResult func insertBareItem(id: String) throws -> Bool
    /// Whether the catalog has an item with this id.
    func containsItem(_ id: String) throws -> Bool
    /// Users created implicitly by `insert(_ event:)` so far in this transaction.
    var usersCreated: Int { get }
}

/// What an upsert did.
public enum UpsertOutcome: Sendable, Equatable {
    case inserted, updated, unchanged
}

/// What a store holds, in numbers.
public struct StoreStats: Codable, Sendable, Equatable {
    public var users: Int
    public var items: Int
    public var events: Int
    /// Events per event type name (types with none are left out).
    public var eventsByType: [String: Int]
    /// Unix seconds of the first and last event, when there are events.
    public var firstEvent: Int64?
    public var lastEvent: Int64?

    public init(
        users: Int, items: Int, events: Int, eventsByType: [String: Int],
        firstEvent: Int64?, lastEvent: Int64?
    ) {
        self.users = users
        self.items = items
        self.events = events
        self.eventsByType = eventsByType
        self.firstEvent = firstEvent
        self.lastEvent = lastEvent
    }
}

/// An item to embed: its id, the text to encode and that text's hash.
public struct EmbeddingInput: Sendable, Equatable {
    public var itemID: String
    public var text: String
    public var textHash: String

    public init(itemID: String, text: String) {
        self.itemID = itemID
        self.text = text
        textHash = TextHash.of(text)
    }
}

extension Store {
    /// Every stored profile, in user-id order.
    public func profiles() throws -> [UserProfile] {
        var profiles = [UserProfile]()
        try forEachProfile { profiles.append($0) }
        return profiles
    }
}

extension EmbeddingInput {
    /// The inputs of those of `items` whose stored vector's text hash (`hashes`, by item id) is missing or
    /// differs from the hash of `text(item)`, in the order given.
    package static func lacking(_ items: [Item], hashes: [String: String], text: (Item) -> String) -> [EmbeddingInput] {
        items.compactMap { item in
            let input = EmbeddingInput(itemID: item.id, text: text(item))
            return hashes[item.id] == input.textHash ? nil : input
        }
    }
}

/// One item's vector, tagged with the hash of the text it was computed from.
public struct ItemEmbedding: Sendable, Equatable {
    public var itemID: String
    public var textHash: String
    public var vector: [Float]

    public init(itemID: String, textHash: String, vector: [Float]) {
        self.itemID = itemID
        self.textHash = textHash
        self.vector = vector
    }

    /// The vector computed for `input`.
    public init(_ input: EmbeddingInput, vector: [Float]) {
        self.init(itemID: input.itemID, textHash: input.textHash, vector: vector)
    }
}

/// What kind of failure a store reports, for callers that react to it without knowing the backend: the
/// server answers `.unavailable` with 503 and `Retry-After`, the command-line tool prints the description.
public enum StoreFailureKind: Sendable, Equatable {
    /// The location (a path or URL) cannot be opened as a store.
    case badLocation
    /// The database could not be reached (server down, refused login): nothing was done, and the same
    /// request may succeed later.
    case unavailable
    /// The database refused a statement.
    case refused
    /// The store's contents break one of its own rules.
    case inconsistent
    /// A fit lost its fit lock part-way (`Store.whileFitting`) and was abandoned, storing nothing more.
    case fitLockLost
}

/// An error a store throws, whatever its backend: `kind` is what callers switch on, `description` says
/// where and what. Each backend's own error type conforms, so callers above the store layer catch
/// `any StoreFailure` and never name a backend.
public protocol StoreFailure: Error, CustomStringConvertible, Sendable {
    var kind: StoreFailureKind { get }
}

/// A store failure that is not a backend's own: a store whose contents break one of its own rules, or a
/// location that cannot be opened.
public enum StoreError: StoreFailure {
    case inconsistentEmbeddings(model: String, itemID: String)
    /// The file at `location` could not be opened (or created) as a store.
    case cannotOpen(location: String, reason: String)

    public var kind: StoreFailureKind {
        switch self {
        case .inconsistentEmbeddings: .inconsistent
        case .cannotOpen: .badLocation
        }
    }

    public var description: String {
        switch self {
        case .inconsistentEmbeddings(let model, let itemID):
            "vectors of model '\(model)' differ in dimension (first at item '\(itemID)'); re-embed the model"
        case .cannotOpen(let location, let reason): "\(location): cannot open the database: \(reason)"
        }
    }
}

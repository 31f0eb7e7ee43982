import StrataCore

/// A store that other processes write too (several `strata serve` on one database), and that tells a
/// process what another one changed.
public protocol SharedStore: Store {
    /// Calls `handler` with each change another process made, shortly after it committed it, until the
    /// calling task is cancelled; reconnects when the connection breaks (a server runs it as a service).
    func follow(_ handler: @escaping @Sendable (SharedChange) -> Void) async
    /// Whether the database answers a trivial query now.
    func isReachable() -> Bool
    /// Stores `model` as its layer's segments, all memberships replaced, counts one more fit of the layer
    /// and announces it to the other processes (`SharedChange.segmentsFitted`), all in one transaction;
    /// returns the layer's fit number.
    func saveFittedSegments(_ model: SegmentModel) throws -> Int
    /// How many fits of `layer` were stored with `saveFittedSegments` (0 when none).
    func segmentFitNumber(layer: LayerKind) throws -> Int
}

/// What another process sharing the database changed.
public enum SharedChange: Sendable, Equatable {
    /// It stored events of these users.
    case events(users: [String])
    /// It stored segments it fitted (`SharedStore.saveFittedSegments`).
    case segmentsFitted
}

import StrataCore

/// Interest segments as the server needs them; implemented by the segmentation stage.
///
/// The server calls `update(profiles:)` after every ingested batch (inside the same write, so reads
/// never see memberships ahead of profiles) and `refitIfDrifted()` from its background task.
public protocol SegmentSource: Sendable {
    /// Every segment, as the body of `GET /v1/segments`.
    func segments() throws -> any Encodable
    /// One segment, as the body of `GET /v1/segments/{id}`; `nil` when there is no such segment.
    func segment(id: String) throws -> (any Encodable)?
    /// Re-assigns the users whose profiles changed to their nearest segments.
    func update(profiles: [UserProfile]) throws
    /// Forgets a deleted user's memberships.
    func remove(user: String) throws
    /// Refits the segments when membership drift passed its threshold; `true` when it refitted.
    func refitIfDrifted() throws -> Bool
}

/// Recommendations as the server needs them; implemented by the recommendation stage.
public protocol RecommendationSource: Sendable {
    /// The top `k` items for `profile`, from one layer or all, with reasons when `explain`.
    func recommendations(for profile: UserProfile, k: Int, layer: LayerKind?, explain: Bool) throws -> any Encodable
    /// The top `k` items for someone without history, from free text and/or attributes.
    func coldStart(text: String?, attributes: [String: String], k: Int) throws -> any Encodable
}

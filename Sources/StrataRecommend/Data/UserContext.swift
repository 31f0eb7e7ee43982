import StrataCore

/// What the generators know about one user when scoring: their items, their interest layers and segment.
public struct UserContext: Sendable {
    public var user: String
    /// The user's items as catalog columns, oldest first (these are never recommended back).
    public var items: [Int]
    /// The user's interest layers, when built.
    public var profile: UserProfile?
    /// The user's segment, when known.
    public var segment: Int?

    public init(user: String, items: [Int], profile: UserProfile? = nil, segment: Int? = nil) {
        self.user = user
        self.items = items
        self.profile = profile
        self.segment = segment
    }
}

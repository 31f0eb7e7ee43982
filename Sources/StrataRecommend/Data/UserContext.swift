import StrataCore

/// What the generators know about one user when scoring: their items, their interest layers and segment.
public struct UserContext: Sendable {
    public var user: String
    /// The user's items as catalog columns, oldest first.
    public var items: [Int]
    /// The user's latest interactions as catalog columns, repeats kept, oldest first (at most
    /// `InteractionMatrix.recentLimit`); empty when unknown, and `latestVisits` then reads `items`.
    public var recent: [Int] = []
    /// When the user last interacted (Unix seconds), when known.
    public var lastTime: Int64?
    /// The items never recommended back to the user; `nil` means all of `items`. A shop that sells
    /// again what was viewed sets the purchased items only, or none.
    public var excluded: [Int]?
    /// The user's interest layers, when built.
    public var profile: UserProfile?
    /// The user's segment, when known.
    public var segment: Int?

    public init(user: String, items: [Int], profile: UserProfile? = nil, segment: Int? = nil, excluded: [Int]? = nil) {
        self.user = user
        self.items = items
        self.excluded = excluded
        self.profile = profile
        self.segment = segment
    }

    /// The items never recommended back: `excluded`, else every item of the user's.
    public var exclusions: [Int] { excluded ?? items }

    /// The user's latest `count` interactions, repeats kept, oldest first.
    public func latestVisits(_ count: Int) -> ArraySlice<Int> {
        (recent.isEmpty ? items : recent).suffix(count)
    }

    /// Adds interactions that just happened (columns, oldest first) to `recent`, keeping its bound.
    public mutating func visit(_ columns: [Int], at time: Int64?) {
        if recent.isEmpty { recent = Array(items.suffix(InteractionMatrix.recentLimit)) }
        recent.append(contentsOf: columns)
        if recent.count > InteractionMatrix.recentLimit {
            recent.removeFirst(recent.count - InteractionMatrix.recentLimit)
        }
        if let time { lastTime = max(lastTime ?? time, time) }
    }
}

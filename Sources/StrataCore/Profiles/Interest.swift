/// One interest in one layer of a user's profile.
public struct Interest: Codable, Equatable, Sendable {
    /// What the interest is about, for people: a topic label or a search/review phrase.
    public var label: String
    /// Its share of the layer (the layer's weights sum to 1 over positive interests).
    public var weight: Double
    /// The user's own items behind it, strongest first.
    public var evidence: [String]
    /// The topic it stands for, when it is a topic (fine in surface and middle, coarse in deep).
    public var topic: Int?

    public init(label: String, weight: Double, evidence: [String], topic: Int? = nil) {
        self.label = label
        self.weight = weight
        self.evidence = evidence
        self.topic = topic
    }
}

/// The three layers of DESIGN.md's interest model.
public enum LayerKind: String, Codable, CaseIterable, Sendable {
    /// Recent, explicit interests.
    case surface
    /// Topic interests with time decay.
    case middle
    /// Stable, abstract interests across the whole history.
    case deep
}

/// One layer: ranked interests and one unit vector for matching.
public struct InterestLayer: Codable, Equatable, Sendable {
    /// Ranked by weight, strongest first.
    public var interests: [Interest]
    /// The L2-normalised weighted mean of the layer's item vectors (all zero for an empty layer).
    public var vector: [Float]

    public init(interests: [Interest], vector: [Float]) {
        self.interests = interests
        self.vector = vector
    }
}

/// A user's layered interest profile.
public struct UserProfile: Codable, Equatable, Sendable {
    public var user: String
    public var surface: InterestLayer
    public var middle: InterestLayer
    public var deep: InterestLayer
    /// The time decay was measured from (Unix seconds).
    public var referenceTime: Int64
    /// How many events the profile was built from.
    public var eventCount: Int

    public init(
        user: String, surface: InterestLayer, middle: InterestLayer, deep: InterestLayer, referenceTime: Int64,
        eventCount: Int
    ) {
        self.user = user
        self.surface = surface
        self.middle = middle
        self.deep = deep
        self.referenceTime = referenceTime
        self.eventCount = eventCount
    }

    /// The layer of `kind`.
    public func layer(_ kind: LayerKind) -> InterestLayer {
        switch kind {
        case .surface: surface
        case .middle: middle
        case .deep: deep
        }
    }

    /// This profile with only the `kind` layer: the others have no interests and no vector. For stages
    /// that read one layer of every user (segmenting), which then hold a third of the profiles' memory.
    public func keeping(only kind: LayerKind) -> UserProfile {
        let empty = InterestLayer(interests: [], vector: [])
        return UserProfile(
            user: user, surface: kind == .surface ? surface : empty, middle: kind == .middle ? middle : empty,
            deep: kind == .deep ? deep : empty, referenceTime: referenceTime, eventCount: eventCount)
    }
}

/// A group of users with similar interests in one layer, named so a person can read it.
public struct Segment: Codable, Equatable, Sendable {
    /// Stable across re-segmentations: a segment keeps its id while its centroid stays close.
    public var id: Int
    /// A short name from the members' dominant topics and the segment's keywords.
    public var label: String
    /// The best c-TF-IDF terms of the keywords of the members' topics, best first.
    public var keywords: [String]
    /// The topics the members' layer weights most, strongest first.
    public var topics: [Int]
    /// How many users have this as their hard segment.
    public var size: Int
    /// The members nearest the centroid, nearest first.
    public var representativeUsers: [String]
    /// The items the members' dominant topics are represented by, and that members interacted with most.
    public var representativeItems: [String]
    /// The mean silhouette of the members (−1…1; higher is more cohesive and better separated).
    public var cohesion: Double
    /// The segment's centre in the layer's vector space (unit length).
    public var centroid: [Float]

    public init(
        id: Int, label: String, keywords: [String], topics: [Int], size: Int, representativeUsers: [String],
        representativeItems: [String], cohesion: Double, centroid: [Float]
    ) {
        self.id = id
        self.label = label
        self.keywords = keywords
        self.topics = topics
        self.size = size
        self.representativeUsers = representativeUsers
        self.representativeItems = representativeItems
        self.cohesion = cohesion
        self.centroid = centroid
    }
}

/// One user's place among the segments: a hard segment and the strongest soft memberships.
public struct SegmentMembership: Codable, Equatable, Sendable {
    public var user: String
    /// The segment the user belongs to most.
    public var segment: Int
    /// `(segment, weight)` pairs, strongest first; weights are a distribution's largest entries
    /// (softmax of negative distances, or mixture posteriors), so a user can belong to several segments.
    public var memberships: [WeightedSegment]

    public init(user: String, segment: Int, memberships: [WeightedSegment]) {
        self.user = user
        self.segment = segment
        self.memberships = memberships
    }
}

/// A segment id with a membership weight in 0…1.
public struct WeightedSegment: Codable, Equatable, Sendable {
    public var segment: Int
    public var weight: Double

    public init(segment: Int, weight: Double) {
        self.segment = segment
        self.weight = weight
    }
}

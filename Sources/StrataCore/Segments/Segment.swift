/// A group of users with similar interests in one layer, named so a person can read it.
public struct Segment: Codable, Equatable, Sendable {
    /// Stable across re-segmentations: a segment keeps its id while its centroid stays close.
    public var id: Int
    /// A short name from the segment's most distinctive interests (`distinctiveInterests`, in order), with as
    /// many of them as it takes to read unlike every other segment's label of the same fit.
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
    /// How well the segment survives refits on half the users (0…1): the Jaccard overlap of its members with
    /// the matched segment (Hungarian matching on shared members) of each resampled fit, averaged; `nil` when
    /// not measured (HDBSCAN, or segments stored before it was). Above 0.75 a segment is reproducible; below
    /// 0.5 it dissolves when the data is resampled.
    public var stability: Double?
    /// The interests that set the segment apart, most distinctive first: the layer's topics held (among a
    /// user's strongest interests) by a large share of the members, by their lift over all segmented users.
    /// `nil` for segments stored before they were measured.
    public var distinctiveInterests: [DistinctiveInterest]?

    public init(
        id: Int, label: String, keywords: [String], topics: [Int], size: Int, representativeUsers: [String],
        representativeItems: [String], cohesion: Double, centroid: [Float], stability: Double? = nil,
        distinctiveInterests: [DistinctiveInterest]? = nil
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
        self.stability = stability
        self.distinctiveInterests = distinctiveInterests
    }
}

/// An interest that sets a segment apart from the population it was segmented from.
///
/// A user *holds* an interest when it is one of the `SegmentInterests.heldPerUser` strongest positive
/// topic interests of the segmented layer. `share` is the share of the segment's members holding it,
/// `populationShare` the share of all segmented users holding it, and `lift` = share / populationShare:
/// 2 means the members hold it twice as often as everyone.
public struct DistinctiveInterest: Codable, Equatable, Sendable {
    /// The topic (fine in surface and middle, coarse in deep).
    public var topic: Int
    /// The topic's name as labels use it (its categories, told apart from topics of the same name).
    public var label: String
    public var share: Double
    public var populationShare: Double
    public var lift: Double

    public init(topic: Int, label: String, share: Double, populationShare: Double, lift: Double) {
        self.topic = topic
        self.label = label
        self.share = share
        self.populationShare = populationShare
        self.lift = lift
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

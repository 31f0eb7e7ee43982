import StrataCore

/// A segment as the API shows it: without its centroid, with its topics named.
struct SegmentView: Encodable {
    var id: Int
    var label: String
    var size: Int
    var keywords: [String]
    var topics: [TopicReference]
    var cohesion: Double
    var representativeUsers: [String]
    var representativeItems: [ItemReference]
    /// Only for `GET /v1/segments/{id}`: the members (at most `memberLimit`, in id order).
    var members: [String]?

    struct TopicReference: Encodable {
        var id: Int
        var label: String
    }

    enum CodingKeys: String, CodingKey {
        case id, label, size, keywords, topics, cohesion, members
        case representativeUsers = "representative_users", representativeItems = "representative_items"
    }

    static let memberLimit = 1000

    init(_ segment: Segment, topics: TopicModel, titles: [String: String], members: [String]? = nil) {
        id = segment.id
        label = segment.label
        size = segment.size
        keywords = segment.keywords
        self.topics = segment.topics.map { TopicReference(id: $0, label: topics.topic($0).label) }
        cohesion = segment.cohesion.isFinite ? segment.cohesion : 0
        representativeUsers = segment.representativeUsers
        representativeItems = segment.representativeItems.map { ItemReference(id: $0, titles: titles) }
        self.members = members.map { Array($0.prefix(Self.memberLimit)) }
    }
}

/// The body of `GET /v1/segments`.
struct SegmentListView: Encodable {
    var layer: String
    var algorithm: String
    /// Users with a segment.
    var users: Int
    /// The share of users that changed segment since the last full fit.
    var drift: Double
    var segments: [SegmentView]

    init(_ model: SegmentModel, topics: TopicModel, titles: [String: String]) {
        layer = model.layer.rawValue
        algorithm = model.algorithm
        users = model.memberships.count
        drift = model.drift
        segments = model.segmentsBySize.map { SegmentView($0, topics: topics, titles: titles) }
    }
}

/// An item id with its title.
struct ItemReference: Encodable, Sendable {
    var itemID: String
    var title: String

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id", title
    }

    init(id: String, titles: [String: String]) {
        itemID = id
        title = titles[id] ?? id
    }
}

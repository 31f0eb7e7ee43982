import StrataCore
import StrataLLM
import StrataStore

/// A profile as `GET /v1/users/{id}/profile` and `strata profile --json` show it: the layers' interests
/// (`{"label", "weight", "evidence", "topic"?}`), without the dense vectors, and when asked for, one
/// explanation per layer (`explanation`) and which of them the generative model wrote (`explanation_source`).
public struct ProfileView: Codable, Sendable, Equatable {
    public var user: String
    public var eventCount: Int
    /// ISO-8601: the time the decay is measured from.
    public var referenceTime: String
    public var layers: [String: [Interest]]
    /// One or two sentences per layer, by layer name; absent unless explanations were asked for.
    public var explanation: [String: String]?
    /// `llm` or `template` per layer, by layer name; absent unless explanations were asked for.
    public var explanationSource: [String: String]?

    enum CodingKeys: String, CodingKey {
        case user
        case eventCount = "event_count"
        case referenceTime = "reference_time"
        case layers, explanation
        case explanationSource = "explanation_source"
    }

    public init(_ profile: UserProfile, explanations: [LayerKind: LayerExplanation]? = nil) {
        user = profile.user
        eventCount = profile.eventCount
        referenceTime = Timestamp.iso8601(profile.referenceTime)
        layers = Dictionary(uniqueKeysWithValues: LayerKind.allCases.map { ($0.rawValue, profile.layer($0).interests) })
        explanation = explanations.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key.rawValue, $0.value.text) }) }
        explanationSource = explanations.map {
            Dictionary(uniqueKeysWithValues: $0.map { ($0.key.rawValue, $0.value.generated ? "llm" : "template") })
        }
    }
}

/// A topic as `GET /v1/topics` and `strata topics --json` show it, without its centroid. `label` is the
/// generative model's name when it named the topic, and `keyword_label` then keeps the keyword label.
public struct TopicView: Codable, Sendable, Equatable {
    public var id: Int
    public var level: String
    public var label: String
    /// The keyword label, present when `label` is the generative model's name.
    public var keywordLabel: String?
    public var keywords: [String]
    public var size: Int
    /// The coarse topic of a fine one; absent for coarse topics.
    public var parent: Int?
    public var representativeItems: [String]

    enum CodingKeys: String, CodingKey {
        case id, level, label
        case keywordLabel = "keyword_label"
        case keywords, size, parent
        case representativeItems = "representative_items"
    }

    public init(_ topic: Topic, name: String? = nil) {
        id = topic.id
        level = topic.level.rawValue
        label = name ?? topic.label
        keywordLabel = name.map { _ in topic.label }
        keywords = topic.keywords
        size = topic.size
        parent = topic.parent
        representativeItems = topic.representativeItems
    }
}

/// Topics as `GET /v1/topics` and `strata topics --json` list them; the CLI names the fitted `model`.
public struct TopicListView: Codable, Sendable, Equatable {
    public var model: String?
    public var topics: [TopicView]

    /// The list of `topics`, labelled by `names` (by topic id) where the generative model named them.
    public init(model: String? = nil, topics: [Topic], names: [Int: String] = [:]) {
        self.model = model
        self.topics = topics.map { TopicView($0, name: names[$0.id]) }
    }
}

/// What the store holds, as `strata stats --json` shows it.
public struct StoreStatsView: Codable, Sendable, Equatable {
    public var users: Int
    public var items: Int
    public var events: Int
    public var eventsByType: [String: Int]
    /// ISO-8601; absent without events.
    public var firstEvent: String?
    public var lastEvent: String?

    enum CodingKeys: String, CodingKey {
        case users, items, events
        case eventsByType = "events_by_type"
        case firstEvent = "first_event"
        case lastEvent = "last_event"
    }

    public init(_ stats: StoreStats) {
        users = stats.users
        items = stats.items
        events = stats.events
        eventsByType = stats.eventsByType
        if let first = stats.firstEvent, let last = stats.lastEvent {
            firstEvent = Timestamp.iso8601(first)
            lastEvent = Timestamp.iso8601(last)
        }
    }
}

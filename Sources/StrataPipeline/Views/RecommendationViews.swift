import StrataCore
import StrataRecommend

/// A user's recommendations, as `GET /v1/users/{id}/recommendations` answers and `strata recommend --json`
/// prints them: `{"user", "layer", "segment"?, "items": [{"item_id", "title", "score", "reason"?}]}`.
public struct RecommendationsView: Codable, Sendable, Equatable {
    public var user: String
    public var layer: String
    /// The user's deep-layer segment, when they have one.
    public var segment: Int?
    public var items: [Entry]
    /// The form of `user`, `raw` or `hmac-sha256`.
    public var userIDs: String?

    enum CodingKeys: String, CodingKey {
        case user, layer, segment, items
        case userIDs = "user_ids"
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var itemID: String
        public var title: String
        public var score: Float
        public var reason: ReasonView?
        /// The LLM's one-line reason, when it re-ranked the list (`--rerank llm`).
        public var llmReason: String?

        enum CodingKeys: String, CodingKey {
            case itemID = "item_id"
            case title, score, reason
            case llmReason = "llm_reason"
        }
    }

    /// Why an item is recommended: `{"layer", "interest", "evidence": {"item_id", "title"}?, "text"}`.
    public struct ReasonView: Codable, Sendable, Equatable {
        public var layer: String
        public var interest: String
        /// The user's own item most like the recommended one.
        public var evidence: ItemReference?
        public var text: String
    }

    /// The view of `recommendations`; `llmReasons` has the LLM's reasons by item when it re-ranked them.
    public init(
        user: String, layer: LayerKind?, segment: Int?, recommendations: [Recommendation], titles: [String: String],
        llmReasons: [String: String] = [:]
    ) {
        self.user = user
        self.layer = layer?.rawValue ?? "all"
        self.segment = segment
        items = recommendations.map { recommendation in
            Entry(
                itemID: recommendation.item, title: titles[recommendation.item] ?? recommendation.item,
                score: recommendation.score,
                reason: recommendation.reason.map { reason in
                    ReasonView(
                        layer: reason.layer.rawValue, interest: reason.interest,
                        evidence: reason.evidence.isEmpty ? nil : ItemReference(id: reason.evidence, titles: titles),
                        text: reason.text)
                }, llmReason: llmReasons[recommendation.item])
        }
    }
}

/// Several users' recommendations, as `strata recommend --all-users --json` prints them.
public struct RecommendationListView: Codable, Sendable, Equatable {
    public var users: [RecommendationsView]
    /// The form of the users' ids, `raw` or `hmac-sha256`.
    public var userIDs: String?

    enum CodingKeys: String, CodingKey {
        case users
        case userIDs = "user_ids"
    }

    public init(users: [RecommendationsView], userIDs: String? = nil) {
        self.users = users
        self.userIDs = userIDs
    }
}

/// A cold start's answer, as `POST /v1/recommendations/cold-start` answers and `strata recommend --text/--attribute
/// --json` prints it: `{"segment"?: {"id", "label"}, "items": [{"item_id", "title", "score", "topic", "reason"}]}`.
/// The CLI adds what it was asked (`user`, `text`, `attributes`) and, for a text, the nearest `topics`.
public struct ColdStartView: Codable, Sendable, Equatable {
    /// The segment the attributes pointed to, when attributes were given.
    public var segment: SegmentReference?
    public var items: [Entry]
    /// The user the CLI was asked about (a `--user` without events), if any.
    public var user: String?
    /// The description recommended from (CLI).
    public var text: String?
    /// The attributes recommended from (CLI).
    public var attributes: [String: String]?
    /// The fine topics nearest the description, best first (CLI).
    public var topics: [TopicMatch]?

    public struct SegmentReference: Codable, Sendable, Equatable {
        public var id: Int
        public var label: String
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var itemID: String
        public var title: String
        public var score: Float
        /// The fine topic that explains the item.
        public var topic: String
        public var reason: String

        enum CodingKeys: String, CodingKey {
            case itemID = "item_id"
            case title, score, topic, reason
        }
    }

    /// A topic near a description: `{"id", "label", "score"}`.
    public struct TopicMatch: Codable, Sendable, Equatable {
        public var id: Int
        public var label: String
        public var score: Float
    }

    /// `fromText`: a description was given; `fromAttributes`: attributes were given.
    public init(
        _ result: Recommender.ColdStartResult, fromText: Bool, fromAttributes: Bool, segments: SegmentModel?,
        titles: [String: String]
    ) {
        segment = result.segment.flatMap { id in segments?.segment(id).map { SegmentReference(id: id, label: $0.label) }
        }
        let popularity =
            fromAttributes || !fromText
            ? segment.map { "popular in the segment \($0.label), whose members share your attributes" }
                ?? "popular with everyone"
            : nil
        items = result.items.map { match in
            Entry(
                match, titles: titles, reasons: [fromText ? Self.textReason(match) : nil, popularity].compactMap { $0 })
        }
    }

    /// A cold start from a description alone, matched against the items and topics (`TextColdStart`).
    public init(
        text: String, user: String?, items: [TextColdStart.Match], topics: [(topic: Topic, score: Float)],
        titles: [String: String]
    ) {
        self.user = user
        self.text = text
        self.topics = topics.map { TopicMatch(id: $0.topic.id, label: $0.topic.label, score: $0.score) }
        self.items = items.map { Entry($0, titles: titles, reasons: [Self.textReason($0)]) }
    }

    private static func textReason(_ match: TextColdStart.Match) -> String {
        "matches your description through the topic \(match.topic.label)"
    }
}

extension ColdStartView.Entry {
    init(_ match: TextColdStart.Match, titles: [String: String], reasons: [String]) {
        let title = titles[match.item] ?? match.item
        self.init(
            itemID: match.item, title: title, score: match.score, topic: match.topic.label,
            reason: "\(title): " + reasons.joined(separator: "; "))
    }
}

import StrataCore
import StrataRecommend

/// The body of `GET /v1/users/{id}/recommendations`.
struct RecommendationsView: Encodable, Sendable {
    var user: String
    var layer: String
    /// The user's deep-layer segment, when they have one.
    var segment: Int?
    var items: [Entry]

    struct Entry: Encodable, Sendable {
        var itemID: String
        var title: String
        var score: Float
        var reason: ReasonView?

        enum CodingKeys: String, CodingKey {
            case itemID = "item_id", title, score, reason
        }
    }

    struct ReasonView: Encodable, Sendable {
        var layer: String
        var interest: String
        /// The user's own item most like the recommended one.
        var evidence: ItemReference?
        var text: String
    }

    init(user: String, layer: LayerKind?, segment: Int?, recommendations: [Recommendation], titles: [String: String]) {
        self.user = user
        self.layer = layer?.rawValue ?? "all"
        self.segment = segment
        items = recommendations.map { recommendation in
            Entry(itemID: recommendation.item, title: titles[recommendation.item] ?? recommendation.item, score: recommendation.score,
                  reason: recommendation.reason.map { reason in
                      ReasonView(layer: reason.layer.rawValue, interest: reason.interest,
                                 evidence: reason.evidence.isEmpty ? nil : ItemReference(id: reason.evidence, titles: titles), text: reason.text)
                  })
        }
    }
}

/// The body of `POST /v1/recommendations/cold-start`'s answer.
struct ColdStartView: Encodable {
    /// The segment the attributes pointed to, when attributes were given.
    var segment: SegmentReference?
    var items: [Entry]

    struct SegmentReference: Encodable {
        var id: Int
        var label: String
    }

    struct Entry: Encodable {
        var itemID: String
        var title: String
        var score: Float
        /// The fine topic that explains the item.
        var topic: String
        var reason: String

        enum CodingKeys: String, CodingKey {
            case itemID = "item_id", title, score, topic, reason
        }
    }

    /// `fromText`: a description was given; `fromAttributes`: attributes were given.
    init(_ result: Recommender.ColdStartResult, fromText: Bool, fromAttributes: Bool, segments: SegmentModel, titles: [String: String]) {
        segment = result.segment.flatMap { id in segments.segment(id).map { SegmentReference(id: id, label: $0.label) } }
        let popularity = fromAttributes || !fromText
            ? segment.map { "popular in the segment \($0.label), whose members share your attributes" } ?? "popular with everyone"
            : nil
        items = result.items.map { match in
            let title = titles[match.item] ?? match.item
            let reasons = [fromText ? "matches your description through the topic \(match.topic.label)" : nil, popularity].compactMap { $0 }
            return Entry(itemID: match.item, title: title, score: match.score, topic: match.topic.label,
                         reason: "\(title): " + reasons.joined(separator: "; "))
        }
    }
}

import StrataCore
import StrataPipeline

/// One recommendation request: whose, how many, from which layer, with reasons or not.
struct RecommendationRequest: Hashable, Sendable {
    var user: String
    var k: Int
    var layer: LayerKind?
    var explain: Bool
}

/// Recommendation answers by user, bounded in size.
struct AnswerCache {
    private(set) var entries = [String: [RecommendationRequest: RecommendationsView]]()
    private var count = 0
    /// When this many answers are kept, the cache starts over; 0 keeps none.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    mutating func insert(_ answer: RecommendationsView, for request: RecommendationRequest) {
        guard limit > 0 else { return }
        if count >= limit { drop(nil) }
        if entries[request.user, default: [:]].updateValue(answer, forKey: request) == nil { count += 1 }
    }

    /// Forgets the answers of `users`, or all of them when `nil`.
    mutating func drop(_ users: Set<String>?) {
        guard let users else {
            entries.removeAll()
            count = 0
            return
        }
        for user in users { count -= entries.removeValue(forKey: user)?.count ?? 0 }
    }
}

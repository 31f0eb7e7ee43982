import StrataCore
import StrataMath

/// One recommended item with its blended score and, when asked for, the reason.
public struct Recommendation: Sendable, Equatable {
    public var item: String
    public var score: Float
    public var reason: Reason?
}

/// The fitted hybrid over one store's users: recommendations with reasons for known users, and the
/// inputs cold start needs.
public struct Recommender: Sendable {
    public let matrix: InteractionMatrix
    public let ranker: HybridRanker
    public let explainer: Explainer
    public let coldStart: TextColdStart
    /// Every known user's context (items, profile, segment).
    public let contexts: [String: UserContext]
    /// The users with interactions, in the order they were given.
    public var users: [String] { matrix.userIDs }

    public init(matrix: InteractionMatrix, ranker: HybridRanker, explainer: Explainer, coldStart: TextColdStart,
                contexts: [String: UserContext]) {
        self.matrix = matrix
        self.ranker = ranker
        self.explainer = explainer
        self.coldStart = coldStart
        self.contexts = contexts
    }

    /// The top `k` for each of `users` (ids), with reasons when `explain`; throws for an unknown user.
    public func recommend(users: [String], k: Int, explain: Bool = false) throws -> [[Recommendation]] {
        guard k > 0, k <= matrix.itemIDs.count else {
            throw RecommendError.invalidParameter(name: "k", value: "\(k)", expected: "1 to the catalog size (\(matrix.itemIDs.count))")
        }
        let batch = try users.map { id in
            guard let context = contexts[id] else { throw RecommendError.unknownUser(id) }
            return context
        }
        let lists = ranker.recommend(for: batch, k: k)
        return zip(batch, lists).map { context, list in
            list.map { Recommendation(item: matrix.itemIDs[$0.item], score: $0.score,
                                      reason: explain ? explainer.explain(item: $0.item, for: context) : nil) }
        }
    }

    /// The segment of every known user that has one.
    public var segments: [String: Int] { contexts.compactMapValues(\.segment) }

    /// Cold start from attributes alone: the segment whose members' attributes (`knownAttributes`, by
    /// user id) fit `attributes` best, and the `k` items most popular in it (everyone's when there are
    /// no segments).
    public func recommend(attributes: [String: String], knownAttributes: [String: [String: String]], k: Int) throws -> (segment: Int?, items: [Recommendation]) {
        guard k > 0, k <= matrix.itemIDs.count else {
            throw RecommendError.invalidParameter(name: "k", value: "\(k)", expected: "1 to the catalog size (\(matrix.itemIDs.count))")
        }
        let segments = segments
        let segment = AttributeColdStart(attributes: knownAttributes, segments: segments).segment(for: attributes)
        let newcomer = UserContext(user: "", items: [], segment: segment)
        let ranker = HybridRanker(components: [(Popularity(fitting: matrix, segments: segments), 1)])
        let list = ranker.recommend(for: [newcomer], k: k)[0]
        return (segment, list.map { Recommendation(item: matrix.itemIDs[$0.item], score: $0.score, reason: nil) })
    }
}

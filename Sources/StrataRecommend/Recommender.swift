import StrataCore
import StrataMath

/// One recommended item with its blended score and, when asked for, the reason.
public struct Recommendation: Sendable, Equatable {
    public var item: String
    public var score: Float
    public var reason: Reason?

    public init(item: String, score: Float, reason: Reason? = nil) {
        self.item = item
        self.score = score
        self.reason = reason
    }
}

/// The fitted hybrid over one store's users: recommendations with reasons for known users, and the
/// inputs cold start needs.
///
/// The generators stay as fitted; a user's context (items, layers, segment) can be brought up to date
/// as their events arrive (`observe`), so their next recommendations follow them without a refit.
public struct Recommender: Sendable {
    public let matrix: InteractionMatrix
    public private(set) var ranker: HybridRanker
    public let explainer: Explainer
    public let coldStart: TextColdStart
    /// Every known user's context (items, profile, segment).
    public private(set) var contexts: [String: UserContext]
    /// Which of a user's items are never recommended back (`observe` keeps the purchases up to date).
    public let excludeSeen: SeenExclusion
    /// The users with interactions when the recommender was fitted, in the order they were given.
    public var users: [String] { matrix.userIDs }

    public init(
        matrix: InteractionMatrix, ranker: HybridRanker, explainer: Explainer, coldStart: TextColdStart,
        contexts: [String: UserContext], excludeSeen: SeenExclusion = .interacted
    ) {
        self.matrix = matrix
        self.ranker = ranker
        self.explainer = explainer
        self.coldStart = coldStart
        self.contexts = contexts
        self.excludeSeen = excludeSeen
    }

    /// The index the content generators share (large catalogs), which rankings by one vector also search.
    var contentIndex: NearestNeighbourIndex? {
        ranker.components.lazy.compactMap { ($0.generator as? Content)?.index }.first
    }

    /// A ranker over `components` that, like the fitted one, ranks over candidates in a large catalog.
    private func candidateRanker(_ components: [(generator: any CandidateGenerator, weight: Double)]) -> HybridRanker {
        HybridRanker(components: components, candidateCount: ranker.candidateCount)
    }

    /// The top `k` for each of `users` (ids), with reasons when `explain`; throws for an unknown user.
    /// With `layer`, the items nearest that layer's vector, explained by that layer's interests (found in
    /// the content generators' index in a catalog large enough to have one).
    public func recommend(users: [String], k: Int, explain: Bool = false, layer: LayerKind? = nil) throws
        -> [[Recommendation]]
    {
        let batch = try users.map { id in
            guard let context = contexts[id] else { throw RecommendError.unknownUser(id) }
            return context
        }
        return try recommend(contexts: batch, k: k, explain: explain, layer: layer)
    }

    /// The top `k` for each of `contexts`, as `recommend(users:k:explain:layer:)`.
    public func recommend(contexts: [UserContext], k: Int, explain: Bool = false, layer: LayerKind? = nil) throws
        -> [[Recommendation]]
    {
        try check(k: k)
        let ranker =
            layer.map {
                candidateRanker([
                    (Content(itemVectors: explainer.itemVectors, source: .layer($0), index: contentIndex), 1)
                ])
            } ?? ranker
        let layers = layer.map { [$0] } ?? LayerKind.allCases
        // Users are scored in batches whose dense score rows stay within about 256 MB per generator.
        let batch = max(1, min(256, (1 << 26) / max(1, matrix.itemIDs.count)))
        let lists = stride(from: 0, to: contexts.count, by: batch).flatMap { start in
            ranker.recommend(for: Array(contexts[start ..< min(start + batch, contexts.count)]), k: k)
        }
        return zip(contexts, lists).map { context, list in
            let reasons =
                explain
                ? explainer.explain(items: list.map(\.item), for: context, layers: layers).map(Optional.some)
                : Array(repeating: nil, count: list.count)
            return zip(list, reasons).map { Recommendation(item: matrix.itemIDs[$0.item], score: $0.score, reason: $1) }
        }
    }

    /// Brings `user`'s context up to date: `items` (their new interactions, oldest first; items outside
    /// the fitted catalog are left out, repeats count once among their items and each among their latest
    /// visits), `purchased` (those of them bought, never recommended back when `excludeSeen` is
    /// `.purchased`), the time of the latest of them, their fresh `profile` and `segment`.
    /// A user the recommender has not seen gets a context.
    public mutating func observe(
        user: String, items: [String], purchased: [String] = [], at time: Int64? = nil, profile: UserProfile?,
        segment: Int?
    ) {
        var context =
            contexts[user]
            ?? UserContext(user: user, items: [], excluded: excludeSeen == .interacted ? nil : [])
        let columns = items.compactMap { matrix.itemIndex[$0] }
        context.visit(columns, at: time)
        var seen = Set(context.items)
        for column in columns where seen.insert(column).inserted { context.items.append(column) }
        if excludeSeen == .purchased {
            var excluded = context.excluded ?? []
            var bought = Set(excluded)
            for id in purchased {
                if let column = matrix.itemIndex[id], bought.insert(column).inserted { excluded.append(column) }
            }
            context.excluded = excluded
        }
        context.profile = profile
        context.segment = segment
        contexts[user] = context
        ranker.keep(context)
    }

    /// Lets the generators keep per-user state for every known user (EASE's sums over long histories),
    /// so a request costs little however long its user's history; `observe` keeps it up to date. Worth
    /// it for a server, which answers many requests from one fit.
    public mutating func keepUserStates() {
        // Longest histories first: they gain most, and the kept sums are bounded (`KeptSums.maximumBytes`).
        for context in contexts.values.sorted(by: { $0.items.count > $1.items.count }) { ranker.keep(context) }
    }

    /// Forgets a deleted user's context; the fitted generators forget them at the next fit.
    public mutating func forget(user: String) {
        contexts[user] = nil
        ranker.forget(user: user)
    }

    /// The segment of every known user that has one.
    public var segments: [String: Int] { contexts.compactMapValues(\.segment) }

    /// What cold start recommends, and the segment the attributes pointed to.
    public struct ColdStartResult: Sendable {
        /// The segment whose members' attributes fit best; `nil` without attributes or segments.
        public var segment: Int?
        /// The items, best first, each with the fine topic that explains it.
        public var items: [TextColdStart.Match]
    }

    /// Recommendations for someone without history, from a description's unit vector `text` and/or
    /// `attributes`. The text alone ranks items by cosine (`textColdStart`, scores the cosines); the
    /// attributes pick the segment whose members' attributes (`knownAttributes`, by user id) fit best,
    /// whose most popular items they rank (everyone's when there are no segments). Given both, the two
    /// min–max normalised scores are blended with equal weights. In a large catalog they rank over
    /// candidates, the text's found in the content generators' index, as the fitted ranker does.
    public func coldStart(
        text: [Float]?, attributes: [String: String], knownAttributes: [String: [String: String]], k: Int
    ) throws -> ColdStartResult {
        try check(k: k)
        if let text, attributes.isEmpty {
            return ColdStartResult(segment: nil, items: textColdStart.recommend(text: text, k: k))
        }
        var components = [(generator: any CandidateGenerator, weight: Double)]()
        if let text {
            components.append(
                (Content(itemVectors: explainer.itemVectors, source: .text(text), index: contentIndex), 1))
        }
        var segment: Int?
        if !attributes.isEmpty || text == nil {
            let segments = segments
            segment = AttributeColdStart(attributes: knownAttributes, segments: segments).segment(for: attributes)
            components.append((Popularity(fitting: matrix, segments: segments), 1))
        }
        let newcomer = UserContext(user: "", items: [], segment: segment)
        let list = candidateRanker(components).recommend(for: [newcomer], k: k)[0]
        return ColdStartResult(segment: segment, items: list.map { coldStart.match(column: $0.item, score: $0.score) })
    }

    /// Cold start from a description alone, searching the content generators' index in a catalog large
    /// enough to have one: what `coldStart` answers for a text without attributes.
    public var textColdStart: TextColdStart {
        TextColdStart(
            topics: coldStart.topics, itemIDs: coldStart.itemIDs, itemVectors: coldStart.itemVectors,
            index: contentIndex)
    }

    private func check(k: Int) throws {
        guard k > 0, k <= matrix.itemIDs.count else {
            throw RecommendError.invalidParameter(
                name: "k", value: "\(k)", expected: "1 to the catalog size (\(matrix.itemIDs.count))")
        }
    }
}

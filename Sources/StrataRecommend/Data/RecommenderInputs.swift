import StrataCore

import struct StrataStore.FitCache

/// Everything a recommender is fitted on, read from a store at one moment (`Pipeline.recommenderInputs`).
public struct RecommenderInputs: Sendable {
    /// The catalog: every item with a vector, whose order gives the catalog columns.
    public var vectors: EmbeddingSet
    public var topics: TopicModel
    /// Every user's interactions in time order.
    public var histories: [(user: String, items: [String])]
    /// When each of `histories`' interactions happened (Unix seconds), one list per history; empty when
    /// unknown (the generators that read time then see none).
    public var times: [[Int64]] = []
    public var profiles: [UserProfile]
    /// Users' segments (user id → segment), for segment popularity and the contexts.
    public var segments: [String: Int]
    /// Item titles for the reasons.
    public var titles: [String: String]
    /// Item categories (item id → paths), for popularity within the user's recent categories.
    public var categories: [String: [String]]
    /// Which of a user's items are never recommended back to them.
    public var excludeSeen = SeenExclusion.interacted
    /// Every user's purchased items (read when `excludeSeen` is `.purchased`).
    public var purchases: [String: [String]] = [:]

    public init(
        vectors: EmbeddingSet, topics: TopicModel, histories: [(user: String, items: [String])],
        profiles: [UserProfile], segments: [String: Int], titles: [String: String], categories: [String: [String]] = [:]
    ) {
        self.vectors = vectors
        self.topics = topics
        self.histories = histories
        self.profiles = profiles
        self.segments = segments
        self.titles = titles
        self.categories = categories
    }
}

extension Recommender {
    /// Fits the hybrid that `parameters` describe on `inputs`; every user with interactions gets a context.
    /// With a `cache`, the collaborative generators' fits (EASE, ItemKNN, ALS) and the content index are read
    /// from it when they were fitted on the same interactions and vectors.
    public init(fitting inputs: RecommenderInputs, parameters: HybridParameters, cache: FitCache? = nil) throws {
        let vectors = inputs.vectors
        let matrix = InteractionMatrix(itemIDs: vectors.itemIDs, histories: inputs.histories, times: inputs.times)
        let ranker = try parameters.ranker(
            matrix: matrix, itemVectors: vectors.vectors,
            categories: ItemCategories(itemIDs: vectors.itemIDs, categories: inputs.categories),
            itemTopics: Calibrator.itemTopics(of: inputs.topics, itemIDs: vectors.itemIDs),
            segments: inputs.segments, cache: cache)
        let profileOf = Dictionary(inputs.profiles.map { ($0.user, $0) }, uniquingKeysWith: { a, _ in a })
        var contexts = [String: UserContext]()
        for (row, user) in matrix.userIDs.enumerated() {
            let excluded: [Int]? =
                switch inputs.excludeSeen {
                case .interacted: nil
                case .purchased: (inputs.purchases[user] ?? []).compactMap { matrix.itemIndex[$0] }
                case .none: []
                }
            contexts[user] = matrix.context(
                row: row, profile: profileOf[user], segment: inputs.segments[user], excluded: excluded)
        }
        self.init(
            matrix: matrix, ranker: ranker,
            explainer: Explainer(
                topics: inputs.topics, itemIDs: vectors.itemIDs, itemVectors: vectors.vectors, titles: inputs.titles),
            coldStart: TextColdStart(topics: inputs.topics, itemIDs: vectors.itemIDs, itemVectors: vectors.vectors),
            contexts: contexts, excludeSeen: inputs.excludeSeen)
    }
}

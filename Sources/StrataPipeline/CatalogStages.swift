import StrataCore

/// The catalog's stages as one value, computed once (`Pipeline.catalog()`) and handed to the stages after
/// them: every item's vector and the topics over them.
public struct CatalogStages: Sendable {
    /// Every item's vector, in the store's item order.
    public let vectors: EmbeddingSet
    /// The topics over the items.
    public let topics: TopicModel

    /// The stages of a catalog whose vectors and topics the caller has (a server serving them).
    public init(vectors: EmbeddingSet, topics: TopicModel) {
        self.vectors = vectors
        self.topics = topics
    }
}

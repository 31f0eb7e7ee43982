import StrataMath

/// The vectors of one model: row `i` of `vectors` belongs to `itemIDs[i]`.
public struct EmbeddingSet: Sendable, Equatable {
    public var itemIDs: [String]
    public var vectors: Matrix

    public init(itemIDs: [String], vectors: Matrix) {
        self.itemIDs = itemIDs
        self.vectors = vectors
    }
}

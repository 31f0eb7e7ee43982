import StrataCore
import StrataMath
import StrataRecommend

/// The items an offline evaluation may rank, with what the generators read of them.
public struct EvaluationCatalog: Sendable {
    public var itemIDs: [String]
    /// One row per item of `itemIDs`.
    public var itemVectors: Matrix
    /// Item id → category paths (items without categories left out).
    public var itemCategories: [String: [String]]
    public var topics: TopicModel

    public init(itemIDs: [String], itemVectors: Matrix, itemCategories: [String: [String]] = [:], topics: TopicModel) {
        self.itemIDs = itemIDs
        self.itemVectors = itemVectors
        self.itemCategories = itemCategories
        self.topics = topics
    }

    /// The category codes of every column.
    public var categories: ItemCategories { ItemCategories(itemIDs: itemIDs, categories: itemCategories) }
    /// The fine topic of every column (−1 when it has none).
    public var itemTopics: [Int32] { Calibrator.itemTopics(of: topics, itemIDs: itemIDs) }

    /// This catalog's items that occur in `interactions`, in catalog order.
    func keeping(itemsIn interactions: [Interaction]) -> EvaluationCatalog {
        let seen = Set(interactions.map(\.item))
        let rows = itemIDs.indices.filter { seen.contains(itemIDs[$0]) }
        var kept = self
        kept.itemIDs = rows.map { itemIDs[$0] }
        kept.itemVectors = itemVectors.rows(at: rows)
        return kept
    }
}

/// Which items a held-out user's list may hold, besides never their own train items (DESIGN.md).
public enum CandidateItems: String, Codable, Sendable, CaseIterable {
    /// Every catalog item: for catalogs published apart from the log (MovieLens' movie list).
    case all
    /// Only items someone interacted with in train: for catalogs derived from the log itself (shop logs),
    /// where an item never seen in train is exactly one that someone meets in the held-out period.
    case seen

    /// `.seen` when every catalog item occurs in `interactions` (the catalog then reads as derived from the
    /// log), else `.all`.
    public static func detect(catalog itemIDs: [String], interactions: [Interaction]) -> CandidateItems {
        detect(catalog: itemIDs, occurring: Set(interactions.map(\.item)))
    }

    /// `.seen` when every catalog item is among `occurring` (the items the log has), else `.all`.
    public static func detect(catalog itemIDs: [String], occurring: Set<String>) -> CandidateItems {
        itemIDs.allSatisfy(occurring.contains) ? .seen : .all
    }
}

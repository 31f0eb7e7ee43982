import StrataCore
import StrataMath

import struct StrataStore.FitCache

/// Recommendations for someone Strata has no events for, from a free-text description: the text's
/// vector is matched by cosine to the items' text vectors (so brand-new items qualify from their text
/// alone) and to the topics, which explain the match.
public struct TextColdStart: Sendable {
    public let topics: TopicModel
    public let itemIDs: [String]
    public let itemVectors: Matrix
    /// An index over `itemVectors` that finds the nearest items without scanning them all (large
    /// catalogs); without one, every item is scored.
    public let index: NearestNeighbourIndex?

    public init(topics: TopicModel, itemIDs: [String], itemVectors: Matrix, index: NearestNeighbourIndex? = nil) {
        self.topics = topics
        self.itemIDs = itemIDs
        self.itemVectors = itemVectors
        self.index = index
    }

    /// Cold start over a catalog as the fitted recommender's `textColdStart` answers it without fitting
    /// one: in a catalog past `parameters.rankCandidatesAbove` (a setting the model search never changes),
    /// searching the content generators' index, kept in `cache` (read back, or built and kept there).
    public init(
        topics: TopicModel, itemIDs: [String], itemVectors: Matrix, cache: FitCache?,
        parameters: HybridParameters = HybridParameters()
    ) throws {
        let index =
            itemIDs.count > parameters.rankCandidatesAbove
            ? try NearestNeighbourIndex.kept(over: itemVectors, in: cache) : nil
        self.init(topics: topics, itemIDs: itemIDs, itemVectors: itemVectors, index: index)
    }

    /// One recommended item with its cosine and the fine topic that explains it.
    public struct Match: Sendable, Equatable {
        public var item: String
        public var score: Float
        public var topic: Topic
    }

    /// The `k` items nearest the unit vector `text`, best first (found in the index when there is one).
    public func recommend(text vector: [Float], k: Int) -> [Match] {
        let found =
            (try? index?.search(vector, k: k))
            ?? TopK.largest(itemVectors.multiplied(byVector: vector), k: k).map { ($0.index, $0.score) }
        return found.map { match(column: $0.index, score: $0.score) }
    }

    /// Catalog item `column` with `score` and the fine topic that explains it (its own, or the nearest
    /// to its vector for an item newer than the topics).
    public func match(column: Int, score: Float) -> Match {
        let id = itemIDs[column]
        let fine = topics.itemTopics[id] ?? topics.nearestFineTopic(itemVectors.row(column))
        return Match(item: id, score: score, topic: topics.topic(fine))
    }

    /// The `count` fine topics nearest the unit vector `text`, best first, with their cosine.
    public func nearestTopics(text vector: [Float], count: Int) -> [(topic: Topic, score: Float)] {
        let scores = topics.fine.map { VectorMath.dot($0.centroid, vector) }
        return TopK.largest(scores, k: count).map { (topics.fine[$0.index], $0.score) }
    }
}

import StrataMath
import StrataText

/// The catalog's topics: fine topics over item vectors, coarse topics above them, and every item's
/// fine topic. New items get a topic from their vector without refitting.
public struct TopicModel: Codable, Equatable, Sendable {
    /// The model id of the vectors the topics were fitted on.
    public var modelID: String
    /// Fine topics, ids `0 ..< fine.count`.
    public var fine: [Topic]
    /// Coarse topics, ids `fine.count ..< fine.count + coarse.count`.
    public var coarse: [Topic]
    /// The fine topic of every item the model has seen or assigned.
    public var itemTopics: [String: Int]
    /// The Chinese words learned from the item texts when the topics were fitted (`nil` when none were, as for
    /// catalogs without Chinese text and models stored before it was kept): what profiles cut Chinese review
    /// text into, the words of the topics' keywords rather than character bigrams.
    public var lexicon: ChineseLexicon?

    public init(
        modelID: String, fine: [Topic], coarse: [Topic], itemTopics: [String: Int], lexicon: ChineseLexicon? = nil
    ) {
        self.modelID = modelID
        self.fine = fine
        self.coarse = coarse
        self.itemTopics = itemTopics
        self.lexicon = lexicon
    }

    /// Every topic, fine first.
    public var topics: [Topic] { fine + coarse }

    /// The topic with `id`.
    public func topic(_ id: Int) -> Topic {
        id < fine.count ? fine[id] : coarse[id - fine.count]
    }

    /// The coarse topic above fine topic `id`.
    public func parent(of id: Int) -> Int {
        fine[id].parent ?? id
    }

    /// The fine topic nearest `vector` by cosine (for items the model has not seen).
    public func nearestFineTopic(_ vector: [Float]) -> Int {
        var best = 0
        var bestScore = -Float.infinity
        for topic in fine {
            let score = VectorMath.dot(topic.centroid, vector)
            if score > bestScore { (best, bestScore) = (topic.id, score) }
        }
        return best
    }

    /// Gives new items (id and unit vector) their nearest fine topic, leaving known items as they are.
    public mutating func assign(_ items: [(id: String, vector: [Float])]) {
        for item in items where itemTopics[item.id] == nil {
            itemTopics[item.id] = nearestFineTopic(item.vector)
        }
    }
}

import StrataCore
import StrataMath
import StrataPipeline
import StrataRecommend

/// Cold start from a description of someone's tastes, as `strata recommend --text` and the demo show it:
/// the fine topics nearest the description and the items nearest it.
struct ColdStartMatches {
    /// The three fine topics nearest the description, best first, with their cosine.
    let topics: [(topic: Topic, score: Float)]
    /// The items nearest the description, best first.
    let items: [TextColdStart.Match]

    /// Matches `description` against the catalog's item vectors and topics (`Pipeline.catalog()`), at most
    /// `k` items, as the server answers a description alone (`TextColdStart`, searching the kept index in a
    /// large catalog), without fitting a recommender.
    init(_ description: String, k: Int, pipeline: Pipeline) throws {
        let catalog = try pipeline.catalog()
        let vectors = catalog.vectors
        let coldStart = try TextColdStart(
            topics: catalog.topics, itemIDs: vectors.itemIDs, itemVectors: vectors.vectors, cache: pipeline.fitCache)
        let vector = try pipeline.embedder().embedQuery(description)
        items = coldStart.recommend(text: vector, k: min(k, vectors.itemIDs.count))
        topics = coldStart.nearestTopics(text: vector, count: 3)
    }

    /// The closest topics, then one line per item by title, and with `explain` the topic each matches.
    func text(titles: [String: String], explain: Bool) -> String {
        var lines = [
            "closest topics: "
                + topics.map { String(format: "%@ (%.2f)", $0.topic.label, $0.score) }.joined(separator: "; ")
        ]
        for (rank, match) in items.enumerated() {
            lines.append(String(format: "%3d. %@  (%.3f)", rank + 1, titles[match.item] ?? match.item, match.score))
            if explain { lines.append("     matches your description through the topic \(match.topic.label)") }
        }
        return lines.joined(separator: "\n")
    }
}

import StrataMath

/// Picks a topic's keywords as KeyBERT and BERTopic's `KeyBERTInspired` + `MaximalMarginalRelevance`
/// do: the best c-TF-IDF terms are the candidates, each candidate's embedding is compared with the
/// topic's centroid, and keywords are taken one at a time by maximal marginal relevance — near the
/// centroid, unlike the keywords already taken — so a label's words say what the topic is about
/// without repeating one another.
public struct KeywordSelector: Sendable {
    /// How many of a topic's best c-TF-IDF terms compete.
    public var candidateCount = 30
    /// The weight of novelty against relevance (KeyBERT's `diversity`, 0 … 1): 0 ranks by similarity alone.
    public var diversity: Float = 0.3

    public init() {}

    /// Up to `count` of `candidates` in the order maximal marginal relevance takes them, each with its
    /// cosine similarity to `centroid`; `vectors` holds the candidates' unit vectors by term (a
    /// candidate without one is skipped).
    ///
    /// - Parameters:
    ///   - candidates: The topic's c-TF-IDF terms, best first; equal marginal relevance goes to the earlier term.
    ///   - vectors: A unit vector per term, as long as `centroid` (a mismatch traps); terms missing here are skipped.
    ///   - centroid: The topic's unit centroid; relevance is the dot product, so cosine similarity for unit vectors.
    ///   - count: The most keywords returned; 0 or less returns none.
    /// - Returns: At most `count` terms in the order taken (the most relevant first unless `diversity` is 1), each
    ///   with its similarity to `centroid`, not its marginal relevance, so a later score can exceed an earlier one.
    public func select(_ candidates: [String], vectors: [String: [Float]], centroid: [Float], count: Int) -> [(
        term: String, score: Double
    )] {
        let terms = candidates.filter { vectors[$0] != nil }
        let relevance = terms.map { VectorMath.dot(vectors[$0]!, centroid) }
        var closest = [Float](repeating: -1, count: terms.count)
        var remaining = Array(terms.indices)
        var chosen = [(term: String, score: Double)]()
        while chosen.count < count, !remaining.isEmpty {
            let marginal = remaining.map { (1 - diversity) * relevance[$0] - diversity * closest[$0] }
            let pick = remaining[marginal.indices.max { marginal[$0] < marginal[$1] }!]  // ties: the better c-TF-IDF term
            remaining.removeAll { $0 == pick }
            chosen.append((term: terms[pick], score: Double(relevance[pick])))
            for i in remaining {
                closest[i] = max(closest[i], VectorMath.dot(vectors[terms[i]]!, vectors[terms[pick]]!))
            }
        }
        return chosen
    }
}

import StrataCore
import StrataLLM
import StrataMath

/// One topic a free text expresses and the phrase of the text that shows it.
public struct TextInterest: Codable, Sendable, Equatable {
    /// The fine topic.
    public var topic: Int
    public var label: String
    /// Words of the text: the model's quote, or the clause nearest the topic.
    public var phrase: String
    /// The cosine of the text and the topic's centroid (embedding reading only).
    public var score: Float?
    /// `llm` or `embedding`.
    public var source: String

    public init(topic: Int, label: String, phrase: String, score: Float?, source: String) {
        self.topic = topic
        self.label = label
        self.phrase = phrase
        self.score = score
        self.source = source
    }
}

/// Reads a free text (a review, a search, a cold-start sentence) into the fine topics it expresses: the
/// generative model's reading when it is configured with the `users` scope (free text is a user's own
/// words), else — and when its answers are rejected or it cannot be reached — the embedding's.
public enum FreeTextInterests {
    /// The model's reading of `text` over `topics`' fine topics, falling back to `nearest`; a notice when
    /// the model was not used or gave no usable answer.
    public static func read(
        _ text: String, topics: TopicModel, namer: LabelNamer?, embed: ([String]) throws -> [[Float]]
    ) async throws -> (interests: [TextInterest], notice: String?) {
        let notice: String?
        if let namer, namer.client.configuration.scope >= .users {
            let choices = topics.fine.map { TopicChoice(id: $0.id, label: $0.label, keywords: $0.keywords) }
            do {
                let picks = try await InterestReader(client: namer.client, cache: namer.cache).read(
                    text, topics: choices)
                return (
                    picks.map {
                        TextInterest(
                            topic: $0.topic, label: topics.topic($0.topic).label, phrase: $0.phrase, score: nil,
                            source: "llm")
                    }, nil
                )
            } catch {
                notice =
                    "warning: the LLM at \(namer.client.configuration.baseURL) gave no usable reading "
                    + "(\((error as? NamingError)?.reason ?? "\(error)")): the embedding's reading"
            }
        } else {
            notice = ProfileExplanations.usersScopeNotice(
                namer, what: "reading free text", instead: "the embedding's reading")
        }
        return (try nearest(text, topics: topics, embed: embed), notice)
    }

    /// The three fine topics nearest `text`, best first, each with the clause of the text nearest it
    /// (clauses split at punctuation and at "and"/"but").
    public static func nearest(
        _ text: String, topics: TopicModel, count: Int = 3, embed: ([String]) throws -> [[Float]]
    ) throws -> [TextInterest] {
        let clauses = Self.clauses(text)
        let vectors = try embed([text] + clauses)
        func cosine(_ a: [Float], _ b: [Float]) -> Float {
            let norms = (a.reduce(0) { $0 + $1 * $1 } * b.reduce(0) { $0 + $1 * $1 }).squareRoot()
            return norms > 0 ? zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / norms : 0
        }
        let ranked = topics.fine.map { ($0, cosine(vectors[0], $0.centroid)) }.sorted { $0.1 > $1.1 }
        return ranked.prefix(count).map { topic, score in
            let nearest = zip(clauses, vectors.dropFirst()).max {
                cosine($0.1, topic.centroid) < cosine($1.1, topic.centroid)
            }
            return TextInterest(
                topic: topic.id, label: topic.label, phrase: nearest?.0 ?? text, score: score, source: "embedding")
        }
    }

    /// The clauses of `text`: split at . , ; ! ? and at the words "and" and "but", trimmed, non-empty.
    public static func clauses(_ text: String) -> [String] {
        let pieces = text.split(whereSeparator: { ".,;!?\n".contains($0) }).flatMap { piece in
            piece.split(separator: " ").split(whereSeparator: { ["and", "but"].contains($0.lowercased()) })
                .map { $0.joined(separator: " ") }
        }
        let clauses = pieces.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return clauses.isEmpty ? [text] : clauses
    }
}

extension Pipeline {
    /// `FreeTextInterests.read` on `topics` (the catalog's), the pipeline's encoder and model, waiting for
    /// the answer; the notice, if any, is logged.
    public func interests(in text: String, topics: TopicModel) throws -> [TextInterest] {
        let embedder = try embedder()
        let namer = namer
        // The encoder stays on this thread: the vectors the embedding's reading may need are made here.
        let texts = [text] + FreeTextInterests.clauses(text)
        let vectors = Dictionary(zip(texts, texts.map { embedder.embedQuery($0) }), uniquingKeysWith: { a, _ in a })
        let result = try waitForTask {
            try await FreeTextInterests.read(text, topics: topics, namer: namer) { $0.map { vectors[$0] ?? [] } }
        }
        if let notice = result.notice { log(notice) }
        return result.interests
    }
}

/// A text read into interests, as `strata interests --json` and `POST /v1/interests` show it.
public struct TextInterestsView: Codable, Sendable, Equatable {
    public var text: String
    public var interests: [TextInterest]

    public init(text: String, interests: [TextInterest]) {
        self.text = text
        self.interests = interests
    }
}

import Foundation
import StrataText

/// A topic a free text may express, as the model sees it: a label and keywords (catalog aggregates).
public struct TopicChoice: Sendable, Equatable {
    public var id: Int
    public var label: String
    public var keywords: [String]

    public init(id: Int, label: String, keywords: [String]) {
        self.id = id
        self.label = label
        self.keywords = keywords
    }
}

/// Reads a free text (a review, a search, a cold-start sentence) into the topics it expresses with a
/// generative model: one structured request listing the topics by number, answered by the numbers of
/// those the text expresses, each with the phrase of the text that shows it. A phrase the text does not
/// contain, a number that is no topic, or a topic given twice is rejected and asked for once more.
public struct InterestReader: Sendable {
    public let client: ChatClient
    public let cache: any AnswerCache

    public init(client: ChatClient, cache: any AnswerCache) {
        self.client = client
        self.cache = cache
    }

    /// The topics `text` expresses (ids of `topics`) with the phrase that shows each, strongest first;
    /// throws `NamingError` when two answers were rejected, `LLMError` when none came.
    public func read(_ text: String, topics: [TopicChoice]) async throws -> [(topic: Int, phrase: String)] {
        guard !topics.isEmpty else { return [] }
        let picks = try await client.validatedAnswer(Self.request(text, topics: topics), cache: cache) {
            try Self.validate($0, text: text, topics: topics.count)
        }
        return picks.map { (topic: topics[$0.index].id, phrase: $0.phrase) }
    }

    /// The request: the numbered topics and the text, asking for at most three topics.
    static func request(_ text: String, topics: [TopicChoice]) -> ChatRequest {
        let system = """
            You read which interests a text expresses. Answer with a JSON object {"interests": [{"topic": N, \
            "phrase": "..."}]}: the numbers of at most three listed topics the text expresses, strongest first, \
            each with the exact words of the text that show it. An empty list when it expresses none.
            """
        let listed = topics.enumerated().map {
            "\($0.offset + 1). \($0.element.label) (\($0.element.keywords.prefix(5).joined(separator: ", ")))"
        }
        let user = "Topics:\n" + listed.joined(separator: "\n") + "\nText: \(text)"
        let schema =
            #"{"additionalProperties":false,"properties":{"interests":{"items":{"additionalProperties":false,"properties":{"phrase":{"type":"string"},"topic":{"maximum":"#
            + "\(topics.count)"
            + #","minimum":1,"type":"integer"}},"required":["topic","phrase"],"type":"object"},"type":"array"}},"required":["interests"],"type":"object"}"#
        var request = ChatRequest(system: system, user: user, schemaName: "interests", schema: schema)
        request.maxTokens = 200
        return request
    }

    /// The picks in `answer` (0-based topic indices with phrases) when usable: at most three entries, each
    /// a topic number from 1 to `topics` not given before, with a phrase that `text` contains (letter case
    /// and spacing aside).
    static func validate(_ answer: String, text: String, topics: Int) throws -> [(index: Int, phrase: String)] {
        guard let interests = (try? JSONValue.parse(Data(answer.utf8)))?["interests"]?.arrayValue else {
            throw NamingError("not a JSON object with an array \"interests\"")
        }
        guard interests.count <= 3 else { throw NamingError("\(interests.count) interests; expected at most 3") }
        let haystack = normalised(text)
        var seen = Set<Int>()
        return try interests.map { entry in
            guard let topic = entry["topic"]?.intValue, (1 ... topics).contains(topic) else {
                throw NamingError("a topic is not a number from 1 to \(topics)")
            }
            guard seen.insert(topic).inserted else { throw NamingError("topic \(topic) is given twice") }
            guard let phrase = entry["phrase"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines),
                !phrase.isEmpty, haystack.contains(normalised(phrase))
            else {
                throw NamingError("the phrase for topic \(topic) is not words of the text")
            }
            return (index: topic - 1, phrase: phrase)
        }
    }

    /// Lowercased, with runs of whitespace as one space.
    private static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

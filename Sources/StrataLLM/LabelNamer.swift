import Foundation
import StrataText

/// Names topics and segments with a generative model: one structured request per name (a JSON object
/// `{"name": …}` by schema), every answer validated, a rejected one asked for once more, validated
/// names cached; whatever cannot be named keeps its keyword label, and the caller gets the problems
/// to report once.
public struct LabelNamer: Sendable {
    public let client: ChatClient
    public let cache: any AnswerCache

    public init(client: ChatClient, cache: any AnswerCache) {
        self.client = client
        self.cache = cache
    }

    /// What naming gave: a name or `nil` per evidence, in order, and what went wrong.
    public struct Names: Sendable {
        public var names: [String?]
        /// One line per evidence that kept its keyword label.
        public var problems: [String]
    }

    /// Names for `evidence`, at most the client's concurrency asked at once.
    public func names(_ evidence: [LabelEvidence]) async -> Names {
        var names = [String?](repeating: nil, count: evidence.count)
        var problems = [(index: Int, text: String)]()
        await withTaskGroup(of: (index: Int, name: String?, problem: String?).self) { group in
            for (index, item) in evidence.enumerated() {
                group.addTask {
                    do {
                        return (index, try await name(item), nil)
                    } catch {
                        let reason = (error as? NamingError ?? NamingError("\(error)")).reason
                        return (index, nil, "\(item.kind.rawValue) \(index): \(reason)")
                    }
                }
            }
            for await answer in group {
                names[answer.index] = answer.name
                if let problem = answer.problem { problems.append((answer.index, problem)) }
            }
        }
        return Names(names: names, problems: problems.sorted { $0.index < $1.index }.map(\.text))
    }

    /// The validated name of one topic or segment: from the cache, else asked (see `validatedAnswer`).
    func name(_ evidence: LabelEvidence) async throws -> String {
        try await client.validatedAnswer(Self.request(evidence), cache: cache) {
            try Self.validate($0, evidence: evidence)
        }
    }

    /// The schema every answer must follow.
    static let schema =
        #"{"additionalProperties":false,"properties":{"name":{"maxLength":60,"minLength":2,"type":"string"}},"required":["name"],"type":"object"}"#

    /// The request that asks for the name of `evidence`, in its language.
    static func request(_ evidence: LabelEvidence) -> ChatRequest {
        let language = evidence.isChinese ? "Chinese (简体中文)" : "English"
        let what =
            switch evidence.kind {
            case .topic: "a group of catalog items"
            case .segment: "a group of users by the interests they share"
            }
        let system = """
            You help analysts by naming \(what). Answer with a JSON object {"name": "..."}: a name of 2 to 5 words in \
            \(language) that says what the keywords and example items have in common. Use only what they show; \
            no quotes, no titles, no numbers.
            """
        let user =
            "Keywords: \(evidence.keywords.joined(separator: ", "))\nExample items: \(evidence.titles.joined(separator: "; "))"
        return ChatRequest(system: system, user: user, schemaName: "name", schema: schema)
    }

    /// The name in `answer` when it is usable: a JSON object with a `name` of 2–60 characters and at
    /// most 8 words on one line, in the evidence's language (Chinese characters for a Chinese catalog,
    /// none otherwise), naming nothing absent from the evidence (no number or quoted text it lacks)
    /// and sharing at least one word (or word stem, or character pair) with it.
    static func validate(_ answer: String, evidence: LabelEvidence) throws -> String {
        guard
            let name = (try? JSONValue.parse(Data(answer.utf8)))?["name"]?.stringValue?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        else {
            throw NamingError("not a JSON object with a string \"name\"")
        }
        guard (2 ... 60).contains(name.count), name.split(separator: " ").count <= 8, !name.contains("\n") else {
            throw NamingError("the name \"\(name.prefix(80))\" is not 2–60 characters and at most 8 words on one line")
        }
        guard Grounding.containsChinese(name) == evidence.isChinese else {
            throw NamingError(
                "the name \"\(name)\" is not in the catalog's language (\(evidence.isChinese ? "Chinese" : "no Chinese characters"))"
            )
        }
        let text = (evidence.keywords + evidence.titles).joined(separator: " ").lowercased()
        if let absent = Grounding.absentClaim(in: name, evidence: text) {
            throw NamingError("the name \"\(name)\" says \"\(absent)\", which the evidence does not")
        }
        guard Grounding.sharesTerm(name, with: text) else {
            throw NamingError("the name \"\(name)\" shares no word with the keywords and items")
        }
        return name
    }
}

/// Why an answer was rejected (it could not name a topic or segment, or explain a layer).
public struct NamingError: Error, Equatable {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
}

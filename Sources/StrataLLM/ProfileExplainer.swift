import Foundation
import StrataText

/// What one interest layer's explanation is made from: the layer's interests (topic labels or phrases)
/// and the titles of the user's evidence items behind them — never the user's id or attributes.
public struct LayerEvidence: Sendable, Equatable {
    /// The layer: `surface`, `middle` or `deep`.
    public var layer: String
    /// The layer's interests, strongest first.
    public var interests: [String]
    /// Titles of the user's items behind them, strongest first.
    public var titles: [String]

    public init(layer: String, interests: [String], titles: [String]) {
        self.layer = layer
        self.interests = interests
        self.titles = titles
    }

    /// Whether the evidence is written in Chinese characters, so the explanation should be too.
    var isChinese: Bool { Grounding.isChinese(interests + titles) }
}

/// One layer's explanation and where it came from.
public struct LayerExplanation: Sendable, Equatable {
    /// One or two sentences.
    public var text: String
    /// Whether the generative model wrote it (else the deterministic template did).
    public var generated: Bool

    public init(text: String, generated: Bool) {
        self.text = text
        self.generated = generated
    }
}

/// Puts a user's interest layers in words with a generative model: one structured request per layer
/// (`{"explanation": …}` by schema), every answer validated, a rejected one asked for once more,
/// validated answers cached; a layer it cannot explain gets the deterministic template.
public struct ProfileExplainer: Sendable {
    public let client: ChatClient
    public let cache: any AnswerCache

    public init(client: ChatClient, cache: any AnswerCache) {
        self.client = client
        self.cache = cache
    }

    /// The explanations of `layers`, in order, and one line per layer that fell back to its template.
    public func explain(_ layers: [LayerEvidence]) async -> (explanations: [LayerExplanation], problems: [String]) {
        var explanations = [LayerExplanation]()
        var problems = [String]()
        for evidence in layers {
            guard !evidence.interests.isEmpty, !client.isUnreachable else {
                explanations.append(Self.template(evidence))
                continue
            }
            do {
                let text = try await client.validatedAnswer(Self.request(evidence), cache: cache) {
                    try Self.validate($0, evidence: evidence)
                }
                explanations.append(LayerExplanation(text: text, generated: true))
            } catch {
                problems.append("\(evidence.layer): \((error as? NamingError)?.reason ?? "\(error)")")
                explanations.append(Self.template(evidence))
            }
        }
        return (explanations, problems)
    }

    /// The deterministic explanation of a layer: its interests and the items that show them.
    public static func template(_ evidence: LayerEvidence) -> LayerExplanation {
        let what =
            switch evidence.layer {
            case "surface": "Recent interactions"
            case "middle": "Current interests"
            default: "Long-standing interests"
            }
        guard !evidence.interests.isEmpty else {
            return LayerExplanation(text: "\(what): none yet.", generated: false)
        }
        let interests = evidence.interests.prefix(3).joined(separator: "; ")
        let titles = evidence.titles.prefix(3).map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", ")
        return LayerExplanation(
            text: "\(what) \u{2014} \(interests)" + (titles.isEmpty ? "." : " (as in \(titles))."), generated: false)
    }

    /// The schema every answer must follow.
    static let schema =
        #"{"additionalProperties":false,"properties":{"explanation":{"type":"string"}},"required":["explanation"],"type":"object"}"#

    /// What each layer means, for the prompt.
    private static let meaning = [
        "surface": "what the person engaged with most recently",
        "middle": "the topics the person is into these weeks (older activity counts less)",
        "deep": "the broad interests that stay stable across the person's whole history"
    ]

    /// The request that asks for the explanation of one layer, in the evidence's language. It carries the
    /// layer's interests and item titles only.
    static func request(_ evidence: LayerEvidence) -> ChatRequest {
        let language = evidence.isChinese ? "Chinese (简体中文)" : "English"
        let system = """
            You explain a person's interests to them. Answer with a JSON object {"explanation": "..."}: one or \
            two short sentences in \(language) describing \(meaning[evidence.layer] ?? evidence.layer), \
            grounded in the interests and items given. Mention only what they show; no numbers, no names of \
            anything not listed.
            """
        let user = """
            Layer: \(evidence.layer)
            Interests: \(evidence.interests.joined(separator: "; "))
            Items: \(evidence.titles.joined(separator: "; "))
            """
        var request = ChatRequest(system: system, user: user, schemaName: "explanation", schema: schema)
        request.maxTokens = 120
        return request
    }

    /// The explanation in `answer` when it is usable: a JSON object with an `explanation` of 10–320
    /// characters on one line, at most two sentences (not counting the dots of item titles), in the evidence's language, claiming nothing absent
    /// from the evidence (no number or quoted text it lacks) and sharing a word with it.
    static func validate(_ answer: String, evidence: LayerEvidence) throws -> String {
        guard
            let text = (try? JSONValue.parse(Data(answer.utf8)))?["explanation"]?.stringValue?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        else {
            throw NamingError("not a JSON object with a string \"explanation\"")
        }
        let withoutTitles = evidence.titles.reduce(text.lowercased()) {
            $0.replacingOccurrences(of: $1.lowercased(), with: "")
        }
        let sentences = withoutTitles.split(whereSeparator: { ".!?。！？".contains($0) }).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
        guard (10 ... 320).contains(text.count), !text.contains("\n"), sentences.count <= 2 else {
            throw NamingError(
                "the explanation \"\(text.prefix(80))\" is not 10–320 characters in at most two sentences on one line")
        }
        guard Grounding.containsChinese(text) == evidence.isChinese else {
            throw NamingError("the explanation is not in the evidence's language")
        }
        let evidenceText = (evidence.interests + evidence.titles).joined(separator: " ").lowercased()
        if let absent = Grounding.absentClaim(in: text, evidence: evidenceText) {
            throw NamingError("the explanation says \"\(absent)\", which the evidence does not")
        }
        guard Grounding.sharesTerm(text, with: evidenceText) else {
            throw NamingError("the explanation shares no word with the interests and items")
        }
        return text
    }
}

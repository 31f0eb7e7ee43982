import Foundation
import StrataText

/// One pick of the model's ranking: a candidate item and the one-line reason it gave (`nil` for the
/// candidates that fill the list up in the hybrid's order).
public struct RerankedItem: Sendable, Equatable {
    public var item: String
    public var reason: String?

    public init(item: String, reason: String?) {
        self.item = item
        self.reason = reason
    }
}

/// Re-ranks the hybrid's top candidates with a generative model: one structured request per user
/// carrying the candidates' titles (numbered) and the user's layer summaries, answered by the numbers of
/// the best `k`, best first, each with a one-line reason. An answer naming anything but a candidate, or
/// one twice, is rejected and asked for once more; then the hybrid's order stands.
public struct Reranker: Sendable {
    public let client: ChatClient
    public let cache: any AnswerCache

    public init(client: ChatClient, cache: any AnswerCache) {
        self.client = client
        self.cache = cache
    }

    /// The top `k` of `candidates` (item ids with titles, in the hybrid's order): the model's picks with
    /// their reasons, filled up with the remaining candidates in the hybrid's order; the hybrid's own top
    /// `k` and the reason when the model gave no usable answer.
    public func rerank(
        _ candidates: [(item: String, title: String)], layers: [LayerEvidence], k: Int
    ) async -> (items: [RerankedItem], problem: String?) {
        let hybrid = candidates.prefix(k).map { RerankedItem(item: $0.item, reason: nil) }
        guard candidates.count > 1, k > 0 else { return (hybrid, nil) }
        let wanted = min(k, candidates.count)
        let request = Self.request(titles: candidates.map(\.title), layers: layers, k: wanted)
        do {
            let picks = try await client.validatedAnswer(request, cache: cache) {
                try Self.validate($0, candidates: candidates.count, k: wanted)
            }
            let picked = Set(picks.map { $0.index })
            let rest = candidates.indices.filter { !picked.contains($0) }.map {
                RerankedItem(item: candidates[$0].item, reason: nil)
            }
            let chosen = picks.map { RerankedItem(item: candidates[$0.index].item, reason: $0.reason) }
            return (Array((chosen + rest).prefix(k)), nil)
        } catch {
            return (hybrid, (error as? NamingError)?.reason ?? "\(error)")
        }
    }

    /// The request for one user: numbered candidate titles and the layers' interests and items — never the
    /// user's id or attributes.
    static func request(titles: [String], layers: [LayerEvidence], k: Int) -> ChatRequest {
        let system = """
            You re-rank recommendations for a person. Answer with a JSON object {"ranking": [{"id": N, "reason": \
            "..."}]}: the numbers of the \(k) candidates that best suit the person's interests, best first, each \
            number once, each with a reason of one short line that names an interest of the person.
            """
        let interests = layers.map { layer in
            "\(layer.layer): \(layer.interests.joined(separator: "; "))"
                + (layer.titles.isEmpty ? "" : " (items: \(layer.titles.prefix(5).joined(separator: "; ")))")
        }
        let numbered = titles.enumerated().map { "\($0.offset + 1). \($0.element)" }
        let user =
            "Interests by layer (surface: recent, middle: these weeks, deep: long-standing):\n"
            + interests.joined(separator: "\n") + "\nCandidates:\n" + numbered.joined(separator: "\n")
        // Lengths and counts are checked by `validate`, not the schema: llama.cpp's server turns bounded
        // repetitions into large grammars that slow its sampling down.
        let schema =
            #"{"additionalProperties":false,"properties":{"ranking":{"items":{"additionalProperties":false,"properties":{"id":{"maximum":"#
            + "\(titles.count)"
            + #","minimum":1,"type":"integer"},"reason":{"type":"string"}},"required":["id","reason"],"type":"object"},"type":"array"}},"required":["ranking"],"type":"object"}"#
        var request = ChatRequest(system: system, user: user, schemaName: "ranking", schema: schema)
        request.maxTokens = 40 * k + 40
        return request
    }

    /// The picks in `answer` (0-based candidate indices with reasons) when it is usable: a JSON object whose
    /// `ranking` lists 1 to `k` entries, each a candidate number from 1 to `candidates` not given before
    /// and a reason of 3–160 characters on one line.
    static func validate(_ answer: String, candidates: Int, k: Int) throws -> [(index: Int, reason: String)] {
        guard let ranking = (try? JSONValue.parse(Data(answer.utf8)))?["ranking"]?.arrayValue else {
            throw NamingError("not a JSON object with an array \"ranking\"")
        }
        guard (1 ... max(1, k)).contains(ranking.count) else {
            throw NamingError("the ranking lists \(ranking.count) items; expected 1 to \(k)")
        }
        var seen = Set<Int>()
        return try ranking.map { entry in
            guard let id = entry["id"]?.intValue, (1 ... candidates).contains(id) else {
                throw NamingError("an id is not a candidate number from 1 to \(candidates)")
            }
            guard seen.insert(id).inserted else { throw NamingError("candidate \(id) is listed twice") }
            guard let reason = entry["reason"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines),
                (3 ... 160).contains(reason.count), !reason.contains("\n")
            else {
                throw NamingError("the reason for candidate \(id) is not one line of 3–160 characters")
            }
            return (index: id - 1, reason: reason)
        }
    }
}

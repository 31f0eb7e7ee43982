import StrataCore
import StrataLLM
import StrataMath

/// Re-ranks a user's hybrid candidates with the generative model (`strata recommend --rerank llm`,
/// `strata evaluate --rerank llm`): the model sees the candidates' titles and the user's layer
/// summaries (interests and items, never the user's id), under the `users` scope only.
public enum LLMRerank {
    /// How many of the hybrid's candidates the model sees.
    public static let candidateCount = 50

    /// The top `k` of `candidates` (item ids, the hybrid's order) for `profile`: the model's picks with
    /// their reasons, else the hybrid's own top `k`, with a notice saying why.
    public static func rerank(
        _ candidates: [String], profile: UserProfile, titles: [String: String], k: Int, namer: LabelNamer?
    ) async -> (items: [RerankedItem], notice: String?) {
        guard let namer, namer.client.configuration.scope >= .users else {
            return (
                candidates.prefix(k).map { RerankedItem(item: $0, reason: nil) },
                ProfileExplanations.usersScopeNotice(namer, what: "re-ranking", instead: "the hybrid's order")
            )
        }
        let result = await Reranker(client: namer.client, cache: namer.cache).rerank(
            candidates.prefix(candidateCount).map { (item: $0, title: titles[$0] ?? $0) },
            layers: ProfileExplanations.evidence(profile, titles: titles), k: k)
        return (
            result.items,
            result.problem.map {
                "warning: the LLM at \(namer.client.configuration.baseURL) gave no usable ranking (\($0)): the hybrid's order"
            }
        )
    }
}

extension Pipeline {
    /// `LLMRerank.rerank` on the pipeline's model, waiting for its answer; the notice, if any, is logged.
    public func rerank(_ candidates: [String], profile: UserProfile, titles: [String: String], k: Int)
        -> [RerankedItem]
    {
        let namer = namer
        let result = waitForTask {
            await LLMRerank.rerank(candidates, profile: profile, titles: titles, k: k, namer: namer)
        }
        if let notice = result.notice { log(notice) }
        return result.items
    }
}

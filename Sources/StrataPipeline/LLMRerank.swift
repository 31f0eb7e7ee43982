import StrataCore
import StrataLLM
import StrataMath
import StrataRecommend

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

    /// `rerank` over a user's hybrid `list` (best first): the model's picks, each with its hybrid score and
    /// reason, and the model's reason for each pick that gave one, by item id.
    public func rerank(_ list: [Recommendation], profile: UserProfile, titles: [String: String], k: Int)
        -> (list: [Recommendation], reasons: [String: String])
    {
        let picks = rerank(list.map(\.item), profile: profile, titles: titles, k: k)
        let byItem = Dictionary(list.map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })
        let reasons = picks.compactMap { pick in pick.reason.map { (pick.item, $0) } }
        return (picks.compactMap { byItem[$0.item] }, Dictionary(reasons, uniquingKeysWith: { a, _ in a }))
    }
}

import Foundation
import StrataCore
import StrataRecommend

extension OfflineEvaluation {
    /// Re-orders a user's candidates (item ids, the hybrid's order) into a top `k` (item ids, best first),
    /// given the user's train-only profile: `strata evaluate --rerank llm`.
    public typealias Rerank = (_ profile: UserProfile, _ candidates: [String], _ k: Int) -> [String]

    /// The hybrid and the hybrid re-ranked by `rerank`, scored on the same sample of `rerankUsers` test users
    /// with a profile (every n-th in id order): two lines of the table. The re-ranker sees the hybrid's top
    /// `rerankCandidates` and orders the top 10; the rest of its list keeps the hybrid's order.
    func rerankComparison(
        _ ranker: HybridRanker, fold: EvaluationFold, itemTopics: [Int32], rerank: Rerank
    ) -> [ModelResult] {
        let users = fold.testContexts.filter { $0.profile != nil }
        let step = max(1, users.count / max(1, rerankUsers))
        let sample = Array(stride(from: 0, to: users.count, by: step).map { users[$0] }.prefix(rerankUsers))
        let scoreStart = Date()
        let candidates = ranker.recommend(for: sample, k: rerankCandidates)
        let hybridSeconds = Date().timeIntervalSince(scoreStart)
        var hybrid = [(context: UserContext, items: [Int])]()
        var reranked = [(context: UserContext, items: [Int])]()
        let rerankStart = Date()
        for (context, list) in zip(sample, candidates) {
            let columns = list.map(\.item)
            let column = Dictionary(columns.map { (fold.matrix.itemIDs[$0], $0) }, uniquingKeysWith: { a, _ in a })
            let top = rerank(context.profile!, columns.map { fold.matrix.itemIDs[$0] }, 10).compactMap { column[$0] }
            let chosen = Set(top)
            hybrid.append((context, Array(columns.prefix(20))))
            reranked.append((context, Array((top + columns.filter { !chosen.contains($0) }).prefix(20))))
        }
        let rerankSeconds = Date().timeIntervalSince(rerankStart)
        let label = "\(sample.count) sampled test users, top \(rerankCandidates) candidates"
        log("re-ranked the hybrid's lists of \(sample.count) test users in \(String(format: "%.1f", rerankSeconds)) s")
        return [
            ModelResult(
                model: "Hybrid (sample)", parameters: label, validationNDCG: 0,
                test: fold.report(hybrid, itemTopics: itemTopics, listedUsersOnly: true), fitSeconds: 0,
                scoreSeconds: hybridSeconds),
            ModelResult(
                model: "Hybrid + LLM re-rank (sample)", parameters: label, validationNDCG: 0,
                test: fold.report(reranked, itemTopics: itemTopics, listedUsersOnly: true), fitSeconds: 0,
                scoreSeconds: hybridSeconds + rerankSeconds)
        ]
    }
}

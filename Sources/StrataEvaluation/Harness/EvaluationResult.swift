import Foundation
import StrataRecommend

/// One model's line in the evaluation table.
public struct ModelResult: Codable, Sendable {
    public var model: String
    /// The chosen hyper-parameters, as `name=value` pairs.
    public var parameters: String
    /// NDCG@10 of the chosen parameters on the validation split.
    public var validationNDCG: Double
    /// The protocol's metrics on the test split, fitted on all of train.
    public var test: RankingReport
    public var fitSeconds: Double
    public var scoreSeconds: Double
}

/// What `strata evaluate` measured: the data's sizes, every model's line, and the hybrid's tuned
/// parameters.
public struct EvaluationResult: Codable, Sendable {
    public var interactions: Int
    public var users: Int
    public var items: Int
    public var train: Int
    public var test: Int
    public var validation: Int
    /// Which items the lists could hold.
    public var candidates: CandidateItems
    public var models: [ModelResult]
    public var hybrid: HybridParameters
    /// How the model search on train chose the hybrid.
    public var search: ModelSearch.Outcome

    /// The results as a Markdown table, one row per model.
    public var table: String {
        var lines = [
            "\(interactions) interactions, \(users) users, \(items) catalog items; train \(train), test \(test), validation \(validation)",
            candidates == .seen
                ? "candidates: items seen in train (every catalog item occurs in the log, read as its own item list; --candidates all ranks every item)"
                : "candidates: every catalog item but the user's own",
            "model search: \(search.summary)",
            "",
            "| model | Recall@10 | NDCG@10 | HR@10 | MRR@10 | Recall@20 | NDCG@20 | Cov@10 | ICov@10 | "
                + ActivityBucket.allCases.map { "NDCG@10 \($0.rawValue)" }.joined(separator: " | ")
                + " | fit s | score s | params |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
        ]
        for m in models {
            let t = m.test
            let figures =
                [
                    t.recallAt10, t.ndcgAt10, t.hitRateAt10, t.mrrAt10, t.recallAt20, t.ndcgAt20, t.coverageAt10,
                    t.interestCoverageAt10
                ]
                .map { String(format: "%.4f", $0) }
                + ActivityBucket.allCases.map { bucket in
                    t.ndcgAt10ByActivity[bucket.rawValue].map { String(format: "%.4f", $0) } ?? "–"
                } + [
                    String(format: "%.2f", m.fitSeconds), String(format: "%.2f", m.scoreSeconds)
                ]
            lines.append("| \(m.model) | \(figures.joined(separator: " | ")) | \(m.parameters) |")
        }
        let buckets = ActivityBucket.allCases.map {
            "\($0.rawValue): \(models.first?.test.usersByActivity[$0.rawValue] ?? 0)"
        }
        lines += ["", "test users by train interactions: " + buckets.joined(separator: ", ")]
        return lines.joined(separator: "\n")
    }
}

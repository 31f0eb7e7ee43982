import StrataMath
import StrataRecommend

/// Tunes the hybrid's blend weights on a validation fold by coordinate ascent on NDCG@10: each
/// generator's normalised scores are computed once, then one weight at a time moves over a grid while
/// the others stay, for a few passes.
struct WeightTuner {
    let names: [String]
    /// Min–max normalised scores per generator, own items 0 (rows = the fold's test users).
    let normalised: [Matrix]
    let fold: EvaluationFold
    let log: (String) -> Void
    /// The grid each weight moves over.
    var grid: [Double] = [0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5]
    var passes = 2

    init(generators: [any CandidateGenerator], fold: EvaluationFold, log: @escaping (String) -> Void) {
        names = generators.map(\.name)
        normalised = generators.map { generator in
            var scores = generator.scores(for: fold.testContexts)
            ScoreNormalization.minMax(&scores, users: fold.testContexts)
            for i in scores.values.indices where scores.values[i] == -.infinity { scores.values[i] = 0 }
            return scores
        }
        self.fold = fold
        self.log = log
    }

    /// The best weights found from `start` and their validation NDCG@10.
    func tune(start: [String: Double]) -> (weights: [String: Double], ndcg: Double) {
        var weights = names.map { start[$0] ?? 0 }
        var best = ndcg(weights)
        log("hybrid: start \(describe(weights)) validation NDCG@10 \(String(format: "%.4f", best))")
        for _ in 0 ..< passes {
            var improved = false
            for g in names.indices {
                for value in grid where value != weights[g] {
                    var trial = weights
                    trial[g] = value
                    guard trial.contains(where: { $0 > 0 }) else { continue }
                    let score = ndcg(trial)
                    if score > best + 1e-6 { (best, weights, improved) = (score, trial, true) }
                }
            }
            log("hybrid: \(describe(weights)) validation NDCG@10 \(String(format: "%.4f", best))")
            if !improved { break }
        }
        return (Dictionary(uniqueKeysWithValues: zip(names, weights).filter { $0.1 != 0 }), best)
    }

    /// The slate reranker that keeps the best validation NDCG@10: MMR diversity or calibration to the
    /// users' topic mix, each at a few trade-offs, logged with its validation NDCG@10 and interest
    /// coverage; none (both 0) unless one gains.
    func tuneReranking(weights: [String: Double], itemVectors: Matrix, itemTopics: [Int32]) throws
        -> (diversity: Float, calibration: Float)
    {
        let blend = blended(names.map { weights[$0] ?? 0 })
        let plain = report(blend, reranker: nil, itemTopics: itemTopics)
        log(
            "hybrid: no reranking: validation NDCG@10 \(String(format: "%.4f", plain.ndcgAt10)), "
                + "interest coverage@10 \(String(format: "%.4f", plain.interestCoverageAt10))")
        var best: (ndcg: Double, diversity: Float, calibration: Float) = (plain.ndcgAt10, 0, 0)
        let trials: [(name: String, lambda: Float, reranker: any SlateReranker)] =
            try [Float(0.05), 0.1, 0.2].map { ("diversity", $0, try Diversifier(lambda: $0, itemVectors: itemVectors)) }
            + [Float(0.1), 0.2, 0.3, 0.5].map {
                ("calibration", $0, try Calibrator(lambda: $0, itemTopics: itemTopics))
            }
        for trial in trials {
            let trialReport = report(blend, reranker: trial.reranker, itemTopics: itemTopics)
            log(
                "hybrid: \(trial.name) \(trial.lambda): validation NDCG@10 \(String(format: "%.4f", trialReport.ndcgAt10)), "
                    + "interest coverage@10 \(String(format: "%.4f", trialReport.interestCoverageAt10))")
            if trialReport.ndcgAt10 > best.ndcg {
                best = (
                    trialReport.ndcgAt10, trial.name == "diversity" ? trial.lambda : 0,
                    trial.name == "calibration" ? trial.lambda : 0
                )
            }
        }
        return (best.diversity, best.calibration)
    }

    private func ndcg(_ weights: [Double]) -> Double {
        report(blended(weights), reranker: nil, itemTopics: nil).ndcgAt10
    }

    /// The weighted sum of the normalised scores, each user's own items at −∞.
    private func blended(_ weights: [Double]) -> Matrix {
        var blend = Matrix(rows: fold.testContexts.count, columns: fold.matrix.itemIDs.count)
        for (g, weight) in weights.enumerated() where weight != 0 {
            let w = Float(weight)
            normalised[g].values.withUnsafeBufferPointer { source in
                blend.values.withUnsafeMutableBufferPointer { target in
                    for i in 0 ..< target.count { target[i] += w * source[i] }
                }
            }
        }
        for (row, user) in fold.testContexts.enumerated() {
            for item in user.items { blend.values[row * blend.columns + item] = -.infinity }
        }
        return blend
    }

    private func report(_ blend: Matrix, reranker: (any SlateReranker)?, itemTopics: [Int32]?) -> RankingReport {
        let lists = HybridRanker.top(blend, users: fold.testContexts, k: 20, reranker: reranker)
        return fold.report(zip(fold.testContexts, lists).map { ($0, $1.map(\.item)) }, itemTopics: itemTopics)
    }

    private func describe(_ weights: [Double]) -> String {
        zip(names, weights).filter { $0.1 != 0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
    }
}

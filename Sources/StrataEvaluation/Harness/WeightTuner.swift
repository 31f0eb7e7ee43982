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

    /// The MMR trade-off that keeps the best validation NDCG@10 (0 unless diversifying costs nothing).
    func tuneDiversity(weights: [String: Double], itemVectors: Matrix, baseline: Double) throws -> Float {
        var best: (lambda: Float, ndcg: Double) = (0, baseline)
        for lambda: Float in [0.05, 0.1, 0.2] {
            let diversifier = try Diversifier(lambda: lambda, itemVectors: itemVectors)
            let score = ndcg(names.map { weights[$0] ?? 0 }, diversifier: diversifier)
            log("hybrid: diversity \(lambda) validation NDCG@10 \(String(format: "%.4f", score))")
            if score > best.ndcg { best = (lambda, score) }
        }
        return best.lambda
    }

    private func ndcg(_ weights: [Double], diversifier: Diversifier? = nil) -> Double {
        var blend = Matrix(rows: fold.testContexts.count, columns: fold.matrix.itemIDs.count)
        for (g, weight) in weights.enumerated() where weight != 0 {
            let w = Float(weight)
            normalised[g].values.withUnsafeBufferPointer { source in
                blend.values.withUnsafeMutableBufferPointer { target in
                    for i in 0 ..< target.count { target[i] += w * source[i] }
                }
            }
        }
        for (row, user) in fold.testContexts.enumerated() { for item in user.items { blend.values[row * blend.columns + item] = -.infinity } }
        let lists = HybridRanker.top(blend, users: fold.testContexts, k: 20, diversifier: diversifier)
        var recommendations = [String: [String]]()
        for (user, list) in zip(fold.testContexts, lists) { recommendations[user.user] = list.map { fold.matrix.itemIDs[$0.item] } }
        return RankingReport(recommendations: recommendations, heldOut: fold.heldOut, catalogSize: fold.matrix.itemIDs.count).ndcgAt10
    }

    private func describe(_ weights: [Double]) -> String {
        zip(names, weights).filter { $0.1 != 0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
    }
}

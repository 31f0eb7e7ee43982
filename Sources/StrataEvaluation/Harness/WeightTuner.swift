import Foundation
import StrataMath
import StrataRecommend

/// Tunes the hybrid's blend weights on a validation fold by coordinate ascent on NDCG@10: each
/// generator's normalised scores are computed once, then one weight at a time moves over a grid while
/// the others stay, for a few passes. A move is taken only when it beats the blend so far by more than
/// `standardErrors` standard errors over the users (`PairedComparison`), so noise does not pick weights.
struct WeightTuner {
    let names: [String]
    /// Each validation fold with its generators' min–max normalised scores, own items 0 (rows = the fold's
    /// test users, one matrix per generator of `names`); a user of several folds counts once per fold.
    let parts: [(fold: EvaluationFold, normalised: [Matrix])]
    let log: (String) -> Void
    /// The grid each weight moves over.
    var grid: [Double] = [0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5]
    var passes = 2
    /// When set, no new pass starts after it (the weights so far are kept).
    var deadline: Date?
    /// How many standard errors a move must gain by.
    var standardErrors = 1.0

    /// A tuner over `folds`, each with the same generators (by name, in order) fitted on it.
    init(folds: [(fold: EvaluationFold, generators: [any CandidateGenerator])], log: @escaping (String) -> Void) {
        names = folds.first?.generators.map(\.name) ?? []
        parts = folds.map { fold, generators in
            (
                fold,
                generators.map { generator in
                    var scores = generator.scores(for: fold.testContexts)
                    ScoreNormalization.minMax(&scores, users: fold.testContexts)
                    for i in scores.values.indices where scores.values[i] == -.infinity { scores.values[i] = 0 }
                    return scores
                }
            )
        }
        self.log = log
    }

    /// The best weights found from `start` and their validation NDCG@10; `cutShort` when the deadline
    /// stopped the passes.
    func tune(start: [String: Double]) -> (weights: [String: Double], ndcg: Double, cutShort: Bool) {
        var weights = names.map { start[$0] ?? 0 }
        var bestScores = ndcgs(weights)
        var best = PairedComparison.mean(bestScores)
        var cutShort = false
        log("hybrid: start \(describe(weights)) validation NDCG@10 \(String(format: "%.4f", best))")
        for _ in 0 ..< passes {
            if let deadline, Date() >= deadline {
                cutShort = true
                break
            }
            var improved = false
            for g in names.indices {
                for value in grid where value != weights[g] {
                    var trial = weights
                    trial[g] = value
                    guard trial.contains(where: { $0 > 0 }) else { continue }
                    let scores = ndcgs(trial)
                    if PairedComparison.beats(scores, bestScores, standardErrors: standardErrors) {
                        (bestScores, best, weights, improved) = (scores, PairedComparison.mean(scores), trial, true)
                    }
                }
            }
            log("hybrid: \(describe(weights)) validation NDCG@10 \(String(format: "%.4f", best))")
            if !improved { break }
        }
        return (Dictionary(uniqueKeysWithValues: zip(names, weights).filter { $0.1 != 0 }), best, cutShort)
    }

    /// The slate reranker that keeps the best validation NDCG@10: MMR diversity or calibration to the
    /// users' topic mix, each at a few trade-offs, logged with its validation NDCG@10 and interest
    /// coverage; none (both 0) unless one gains beyond the noise (as the weights' moves must).
    func tuneReranking(weights: [String: Double]) throws -> (diversity: Float, calibration: Float) {
        let vector = names.map { weights[$0] ?? 0 }
        let plain = scored(vector, rerankers: nil)
        log(
            "hybrid: no reranking: validation NDCG@10 \(String(format: "%.4f", PairedComparison.mean(plain.ndcgs))), "
                + "interest coverage@10 \(String(format: "%.4f", plain.interestCoverage))")
        var best: (scores: [Double], diversity: Float, calibration: Float) = (plain.ndcgs, 0, 0)
        let trials: [(name: String, lambda: Float)] =
            [Float(0.05), 0.1, 0.2].map { ("diversity", $0) } + [Float(0.1), 0.2, 0.3, 0.5].map { ("calibration", $0) }
        for trial in trials {
            let result = try scored(vector) { [parts] p -> any SlateReranker in
                let catalog = parts[p].fold.catalog
                return trial.name == "diversity"
                    ? try Diversifier(lambda: trial.lambda, itemVectors: catalog.itemVectors)
                    : try Calibrator(lambda: trial.lambda, itemTopics: catalog.itemTopics)
            }
            log(
                "hybrid: \(trial.name) \(trial.lambda): validation NDCG@10 \(String(format: "%.4f", PairedComparison.mean(result.ndcgs))), "
                    + "interest coverage@10 \(String(format: "%.4f", result.interestCoverage))")
            if PairedComparison.beats(result.ndcgs, best.scores, standardErrors: standardErrors) {
                best = (
                    result.ndcgs, trial.name == "diversity" ? trial.lambda : 0,
                    trial.name == "calibration" ? trial.lambda : 0
                )
            }
        }
        return (best.diversity, best.calibration)
    }

    /// Every held-out user's NDCG@10 under the blend with `weights`, fold after fold.
    private func ndcgs(_ weights: [Double]) -> [Double] {
        parts.indices.flatMap { p in
            let fold = parts[p].fold
            let lists = HybridRanker.top(blended(weights, part: p), users: fold.testContexts, k: 10)
            return fold.ndcgs(zip(fold.testContexts, lists).map { ($0, $1.map(\.item)) })
        }
    }

    /// The weighted sum of fold `part`'s normalised scores, each user's own items at −∞.
    private func blended(_ weights: [Double], part: Int) -> Matrix {
        let (fold, normalised) = parts[part]
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

    /// Per-user NDCG@10 (fold after fold) and the mean interest coverage@10 of the blend with `weights`,
    /// re-ranked by `reranker` (fold `p`'s, made by `rerankers`) when given.
    private func scored(_ weights: [Double], rerankers: ((Int) throws -> any SlateReranker)?) rethrows
        -> (ndcgs: [Double], interestCoverage: Double)
    {
        var ndcgs = [Double]()
        var coverage = 0.0
        for p in parts.indices {
            let fold = parts[p].fold
            let reranker = try rerankers.map { try $0(p) }
            let top = HybridRanker.top(blended(weights, part: p), users: fold.testContexts, k: 20, reranker: reranker)
            let lists = zip(fold.testContexts, top).map { ($0, $1.map(\.item)) }
            ndcgs += fold.ndcgs(lists)
            coverage +=
                fold.report(lists, itemTopics: fold.catalog.itemTopics).interestCoverageAt10 / Double(parts.count)
        }
        return (ndcgs, coverage)
    }

    private func describe(_ weights: [Double]) -> String {
        zip(names, weights).filter { $0.1 != 0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
    }
}

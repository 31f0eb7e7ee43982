import Foundation
import StrataCore
import StrataMath
import StrataRecommend

/// DESIGN.md's offline protocol: the per-user temporal 80/20 split, a validation split carved the same
/// way from train for tuning, and MostPop, ItemKNN, EASE, content-only and the hybrid, each tuned on
/// validation (NDCG@10), refitted on all of train and scored on test.
public struct OfflineEvaluation {
    /// The interaction events (every row counts once).
    public var events: [Event]
    /// The catalog, in the rows of `itemVectors`.
    public var itemIDs: [String]
    public var itemVectors: Matrix
    public var topics: TopicModel
    /// Item categories (item id → paths), for popularity within the user's recent categories.
    public var itemCategories: [String: [String]] = [:]
    /// Whether most items are known only by id and category (no title or description): the blend is then
    /// also tuned over popularity within the user's recent categories.
    public var catalogIsTextless = false
    public var profileConfiguration = ProfileConfiguration()
    /// Groups the train-only profiles into the segments of segment popularity (deep layer by default).
    public var segmenter = Segmenter()
    /// The share of each user's train rows held out for validation.
    public var validationFraction = 0.1
    /// The grids searched on validation.
    public var easeLambdas: [Double] = [250, 500, 1000, 2000]
    public var knnNeighbours = [50, 100, 200]
    public var knnShrinkages: [Float] = [0, 10, 50]
    /// Receives one line per step.
    public var log: (String) -> Void = { _ in }
    /// When set, the hybrid's lists of a sample of test users are also re-ranked by it, and both are
    /// scored on that sample (see `rerankComparison`).
    public var rerank: Rerank?
    /// How many test users the re-ranker is measured on.
    public var rerankUsers = 50
    /// How many of the hybrid's candidates the re-ranker sees.
    public var rerankCandidates = 50

    public init(events: [Event], itemIDs: [String], itemVectors: Matrix, topics: TopicModel) {
        self.events = events
        self.itemIDs = itemIDs
        self.itemVectors = itemVectors
        self.topics = topics
    }

    public func run() throws -> EvaluationResult {
        guard !events.isEmpty else { throw RecommendError.noInteractions }
        let interactions = events.map { Interaction(user: $0.userID, item: $0.itemID, timestamp: $0.timestamp) }
        let split = TemporalSplit(interactions)
        let validationSplit = TemporalSplit(split.train, testFraction: validationFraction)
        log(
            "split \(interactions.count) interactions: train \(split.train.count), test \(split.test.count), validation \(validationSplit.test.count)"
        )
        let eventsByUser = Dictionary(grouping: events, by: \.userID)
        let categories = ItemCategories(itemIDs: itemIDs, categories: itemCategories)
        let itemTopics = Calibrator.itemTopics(of: topics, itemIDs: itemIDs)
        let builder = ProfileBuilder(
            topics: topics, itemIDs: itemIDs, vectors: itemVectors, configuration: profileConfiguration)
        var profileSeconds = 0.0
        func fold(_ s: TemporalSplit) throws -> EvaluationFold {
            let start = Date()
            defer { profileSeconds = Date().timeIntervalSince(start) }
            return try EvaluationFold(
                train: s.train, test: s.test, events: eventsByUser, itemIDs: itemIDs,
                builder: builder,
                segment: { profiles in
                    try Popularity.userSegments { try segmenter.fit(profiles: profiles, topics: topics) }
                })
        }
        log("building train-only profiles and segments for validation")
        let validation = try fold(validationSplit)
        log("building train-only profiles and segments for test")
        let test = try fold(split)
        let segmentSeconds = profileSeconds

        var results = [ModelResult]()
        var tuned = HybridParameters()
        func single(_ generator: any CandidateGenerator) -> HybridRanker { HybridRanker(components: [(generator, 1)]) }

        // Baselines: pick the best grid point on validation, refit on all of train, score test.
        func baseline(_ model: String, grid: [(String, HybridParameters)], generator: String) throws -> HybridParameters
        {
            var best: (ndcg: Double, label: String, parameters: HybridParameters)?
            for (label, parameters) in grid {
                let fitted = try parameters.generators(
                    [generator], matrix: validation.matrix, itemVectors: itemVectors,
                    categories: categories, segments: [:])[0]
                let ndcg = validation.report(single(fitted)).ndcgAt10
                log("\(model) \(label): validation NDCG@10 \(String(format: "%.4f", ndcg))")
                if best == nil || ndcg > best!.ndcg { best = (ndcg, label, parameters) }
            }
            let fitStart = Date()
            let fitted = try best!.parameters.generators(
                [generator], matrix: test.matrix, itemVectors: itemVectors,
                categories: categories, segments: [:])[0]
            let fitSeconds = Date().timeIntervalSince(fitStart)
            let scoreStart = Date()
            let report = test.report(single(fitted), itemTopics: itemTopics)
            results.append(
                ModelResult(
                    model: model, parameters: best!.label, validationNDCG: best!.ndcg, test: report,
                    fitSeconds: fitSeconds, scoreSeconds: Date().timeIntervalSince(scoreStart)))
            log("\(model) \(best!.label): test NDCG@10 \(String(format: "%.4f", report.ndcgAt10))")
            return best!.parameters
        }
        _ = try baseline("MostPop", grid: [("", tuned)], generator: "popularity")
        let knnGrid = knnNeighbours.flatMap { k in
            knnShrinkages.map { shrink -> (String, HybridParameters) in
                var p = tuned
                (p.knnNeighbours, p.knnShrinkage) = (k, shrink)
                return ("k=\(k), shrink=\(shrink)", p)
            }
        }
        let knn = try baseline("ItemKNN", grid: knnGrid, generator: "itemknn")
        (tuned.knnNeighbours, tuned.knnShrinkage) = (knn.knnNeighbours, knn.knnShrinkage)
        let easeGrid = easeLambdas.map { lambda -> (String, HybridParameters) in
            var p = tuned
            p.easeLambda = lambda
            return ("lambda=\(lambda)", p)
        }
        tuned.easeLambda = try baseline("EASE", grid: easeGrid, generator: "ease").easeLambda
        _ = try baseline(
            "Content", grid: [("user vector=mean of train-item vectors, cosine", tuned)], generator: "content")

        // The hybrid: its generators use the baselines' tuned settings; the blend weights and the
        // diversity are tuned on validation.
        let names =
            catalogIsTextless
            ? HybridParameters.textlessGeneratorNames(recentWindow: tuned.recentWindow)
            : HybridParameters.blendedGeneratorNames(recentWindow: tuned.recentWindow)
        let tuner = try WeightTuner(
            generators: tuned.generators(
                names, matrix: validation.matrix, itemVectors: itemVectors, categories: categories,
                segments: Dictionary(
                    uniqueKeysWithValues: validation.contexts.compactMap { c in c.segment.map { (c.user, $0) } })),
            fold: validation, log: log)
        let (weights, validationNDCG) = tuner.tune(start: ["ease": 1])
        tuned.weights = weights
        (tuned.diversity, tuned.calibration) = try tuner.tuneReranking(
            weights: weights, itemVectors: itemVectors,
            itemTopics: itemTopics)
        let fitStart = Date()
        let ranker = try tuned.ranker(
            matrix: test.matrix, itemVectors: itemVectors, categories: categories, itemTopics: itemTopics,
            segments: Dictionary(uniqueKeysWithValues: test.contexts.compactMap { c in c.segment.map { (c.user, $0) } })
        )
        let fitSeconds = Date().timeIntervalSince(fitStart) + segmentSeconds
        let scoreStart = Date()
        let report = test.report(ranker, itemTopics: itemTopics)
        let label =
            weights.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            + ", lambda=\(tuned.easeLambda), diversity=\(tuned.diversity), calibration=\(tuned.calibration)"
        results.append(
            ModelResult(
                model: "Hybrid", parameters: label, validationNDCG: validationNDCG, test: report,
                fitSeconds: fitSeconds, scoreSeconds: Date().timeIntervalSince(scoreStart)))
        log("Hybrid: test NDCG@10 \(String(format: "%.4f", report.ndcgAt10))")
        if let rerank { results += rerankComparison(ranker, fold: test, itemTopics: itemTopics, rerank: rerank) }
        return EvaluationResult(
            interactions: interactions.count, users: Set(interactions.map(\.user)).count, items: itemIDs.count,
            train: split.train.count, test: split.test.count, validation: validationSplit.test.count,
            models: results, hybrid: tuned)
    }
}

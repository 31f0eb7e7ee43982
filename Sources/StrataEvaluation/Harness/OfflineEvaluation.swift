import Foundation
import StrataCore
import StrataMath
import StrataRecommend

/// DESIGN.md's offline protocol: the per-user temporal 80/20 split; on train, the same model search that
/// `strata recommend` runs on a whole store (`ModelSearch`, on a validation split carved from train);
/// then every baseline at the setting the search found best for it, and the chosen hybrid, refitted on
/// all of train and scored on test.
public struct OfflineEvaluation {
    /// The interaction events (every row counts once).
    public var events: [Event]
    public var catalog: EvaluationCatalog
    public var profileConfiguration = ProfileConfiguration()
    /// Groups the train-only profiles into the segments of segment popularity (deep layer by default).
    public var segmenter = Segmenter()
    /// The search's budget and bounds; its `candidates`, when set, overrides the detection.
    public var search = ModelSearch.Settings()
    /// Receives one line per step.
    public var log: (String) -> Void = { _ in }
    /// When set, the hybrid's lists of a sample of test users are also re-ranked by it, and both are
    /// scored on that sample (see `rerankComparison`).
    public var rerank: Rerank?
    /// How many test users the re-ranker is measured on.
    public var rerankUsers = 50
    /// How many of the hybrid's candidates the re-ranker sees.
    public var rerankCandidates = 50

    /// The baselines' rows: table name and generator name.
    public static let baselines = [
        ("MostPop", "popularity"), ("Trending", "trending"), ("CategoryPop", "category-popularity"),
        ("CoVisit", "covisit"), ("ItemKNN", "itemknn"), ("EASE", "ease"), ("ALS", "als"), ("Content", "content")
    ]

    public init(events: [Event], catalog: EvaluationCatalog) {
        self.events = events
        self.catalog = catalog
    }

    public func run() throws -> EvaluationResult {
        guard !events.isEmpty else { throw RecommendError.noInteractions }
        let interactions = events.map { Interaction(user: $0.userID, item: $0.itemID, timestamp: $0.timestamp) }
        let split = TemporalSplit(interactions)
        let candidates =
            search.candidates ?? CandidateItems.detect(catalog: catalog.itemIDs, interactions: interactions)
        log(
            candidates == .seen
                ? "candidates: items seen in train (every catalog item occurs in the log, so the catalog is the log's own)"
                : "candidates: every catalog item but the user's own")
        let eventsByUser = Dictionary(grouping: events, by: \.userID)
        let builder = ProfileBuilder(
            topics: catalog.topics, itemIDs: catalog.itemIDs, vectors: catalog.itemVectors,
            configuration: profileConfiguration)
        let segment = { [segmenter, topics = catalog.topics] (profiles: [UserProfile]) in
            try Popularity.userSegments { try segmenter.fit(profiles: profiles, topics: topics) }
        }
        var settings = search
        settings.candidates = candidates
        var modelSearch = ModelSearch(
            train: split.train, events: eventsByUser, catalog: catalog, builder: builder, settings: settings,
            segment: segment)
        modelSearch.log = log
        let outcome = try modelSearch.run()
        log("search: \(outcome.summary)")

        log("building train-only profiles and segments for test")
        let profileStart = Date()
        let test = try EvaluationFold(
            train: split.train, test: split.test, events: eventsByUser, catalog: catalog, candidates: candidates,
            builder: builder, segment: segment)
        let profileSeconds = Date().timeIntervalSince(profileStart)
        let categories = test.catalog.categories
        let itemTopics = test.catalog.itemTopics
        let segments = Dictionary(
            uniqueKeysWithValues: test.contexts.compactMap { c in c.segment.map { (c.user, $0) } })
        let tuned = outcome.parameters

        var results = [ModelResult]()
        for (model, name) in Self.baselines {
            guard let trial = outcome.chosen.first(where: { $0.generator == name }) else { continue }
            let fitStart = Date()
            let fitted = try tuned.generators(
                [name], matrix: test.matrix, itemVectors: test.catalog.itemVectors, categories: categories,
                segments: segments)[0]
            let fitSeconds = Date().timeIntervalSince(fitStart)
            let scoreStart = Date()
            let report = test.report(HybridRanker(components: [(fitted, 1)]), itemTopics: itemTopics)
            results.append(
                ModelResult(
                    model: model, parameters: trial.parameters, validationNDCG: trial.validationNDCG, test: report,
                    fitSeconds: fitSeconds, scoreSeconds: Date().timeIntervalSince(scoreStart)))
            log("\(model) \(trial.parameters): test NDCG@10 \(String(format: "%.4f", report.ndcgAt10))")
        }

        let fitStart = Date()
        let ranker = try tuned.ranker(
            matrix: test.matrix, itemVectors: test.catalog.itemVectors, categories: categories, itemTopics: itemTopics,
            segments: segments)
        let fitSeconds = Date().timeIntervalSince(fitStart) + profileSeconds
        let scoreStart = Date()
        let report = test.report(ranker, itemTopics: itemTopics)
        results.append(
            ModelResult(
                model: "Hybrid", parameters: tuned.summary, validationNDCG: outcome.validationNDCG, test: report,
                fitSeconds: fitSeconds, scoreSeconds: Date().timeIntervalSince(scoreStart)))
        log("Hybrid: test NDCG@10 \(String(format: "%.4f", report.ndcgAt10))")
        if let rerank { results += rerankComparison(ranker, fold: test, itemTopics: itemTopics, rerank: rerank) }
        return EvaluationResult(
            interactions: interactions.count, users: Set(interactions.map(\.user)).count, items: catalog.itemIDs.count,
            train: split.train.count, test: split.test.count,
            validation: TemporalSplit(split.train, testFraction: search.validationFraction).test.count,
            candidates: candidates, models: results, hybrid: tuned, search: outcome)
    }
}

extension HybridParameters {
    /// The blend's weights and the settings of its generators, as `name=value` pairs.
    public var summary: String {
        var parts = weights.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let used = Set(weights.keys)
        if used.contains("ease") || used.contains(where: { $0.hasPrefix("ease-recent") }) {
            parts.append("lambda=\(easeLambda)")
        }
        if used.contains("itemknn") { parts.append("knn k=\(knnNeighbours), shrink=\(knnShrinkage)") }
        if used.contains("category-popularity") {
            parts.append("category window=\(categoryWindow), decay=\(categoryDecay)")
        }
        if used.contains("trending") { parts.append("trending half-life=\(trendingHalfLifeDays) days") }
        if used.contains("covisit") { parts.append("covisit window=\(covisitWindow)") }
        parts.append("diversity=\(diversity), calibration=\(calibration)")
        return parts.joined(separator: ", ")
    }
}

import StrataCore
import StrataMath

import struct StrataStore.FitCache

/// The hybrid's settings: its generators' hyper-parameters and blend weights (by generator name).
/// The defaults are what `strata evaluate` tuned on ml-latest-small's validation split, kept for
/// `--no-tune`; a store's own search (`ModelSearch`, run by `recommend`, `serve` and `evaluate`) replaces
/// them with what its validation split chose.
public struct HybridParameters: Codable, Equatable, Sendable {
    public var easeLambda = 1000.0
    /// EASE is fitted on at most this many items, the most popular (see `EASE`).
    public var easeMaximumItems = EASE.defaultMaximumItems
    public var knnNeighbours = 100
    public var knnShrinkage: Float = 10
    /// How many latest items the recency generator scores from (the surface layer's size).
    public var recentWindow = 20
    /// How many latest visits weigh the categories of category shelves, and how much each older one counts
    /// (on taobao-dev, over four temporal cuts of the log, 20 visits at 0.7 beat the plain count of the
    /// latest 5 in every cut: mean NDCG@10 0.0065 against 0.0046).
    public var categoryWindow = 20
    public var categoryDecay: Float = 0.7
    /// The half-life of trending popularity, in days.
    public var trendingHalfLifeDays = 30.0
    /// How many visits apart two items still count as co-visited.
    public var covisitWindow = 3
    /// Implicit ALS's latent factors, iterations, regularisation λ and confidence weight α (see `ImplicitALS`).
    public var alsFactors = ImplicitALS.defaultFactors
    public var alsIterations = ImplicitALS.defaultIterations
    public var alsRegularization = ImplicitALS.defaultRegularization
    public var alsAlpha = ImplicitALS.defaultAlpha
    /// Blend weight per generator name; generators without a weight are not fitted.
    public var weights: [String: Double] = [
        "ease": 1, "ease-recent20": 1.5, "itemknn": 0.5, "content-surface": 1, "content-middle": 0.1,
        "content-deep": 0.2
    ]
    /// MMR trade-off λ (0 = by score alone).
    public var diversity: Float = 0
    /// Calibration trade-off λ toward the user's mix of topic interests (0 = by score alone; see
    /// `Calibrator`). When both are set, calibration re-ranks and diversity is not used.
    public var calibration: Float = 0
    /// Catalogs with more items than this are ranked over the union of each generator's best
    /// `candidatesPerGenerator` items instead of scored whole per user (see `HybridRanker`). On a generated
    /// shop log of 55,000 items both rankings gave the same test NDCG@10 (0.1172), and at 100,000 items the
    /// dense one cost a server p99 30 ms against 14 ms (BENCHMARKS.md), hence 20,000 (above EASE's head).
    public var rankCandidatesAbove = 20_000
    public var candidatesPerGenerator = 500

    public init() {}

    /// Decodes stored parameters; a field missing from an older record keeps its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = HybridParameters()
        easeLambda = try container.decodeIfPresent(Double.self, forKey: .easeLambda) ?? defaults.easeLambda
        easeMaximumItems =
            try container.decodeIfPresent(Int.self, forKey: .easeMaximumItems) ?? defaults.easeMaximumItems
        knnNeighbours = try container.decodeIfPresent(Int.self, forKey: .knnNeighbours) ?? defaults.knnNeighbours
        knnShrinkage = try container.decodeIfPresent(Float.self, forKey: .knnShrinkage) ?? defaults.knnShrinkage
        recentWindow = try container.decodeIfPresent(Int.self, forKey: .recentWindow) ?? defaults.recentWindow
        categoryWindow =
            try container.decodeIfPresent(Int.self, forKey: .categoryWindow) ?? defaults.categoryWindow
        categoryDecay = try container.decodeIfPresent(Float.self, forKey: .categoryDecay) ?? defaults.categoryDecay
        trendingHalfLifeDays =
            try container.decodeIfPresent(Double.self, forKey: .trendingHalfLifeDays) ?? defaults.trendingHalfLifeDays
        covisitWindow = try container.decodeIfPresent(Int.self, forKey: .covisitWindow) ?? defaults.covisitWindow
        alsFactors = try container.decodeIfPresent(Int.self, forKey: .alsFactors) ?? defaults.alsFactors
        alsIterations = try container.decodeIfPresent(Int.self, forKey: .alsIterations) ?? defaults.alsIterations
        alsRegularization =
            try container.decodeIfPresent(Float.self, forKey: .alsRegularization) ?? defaults.alsRegularization
        alsAlpha = try container.decodeIfPresent(Float.self, forKey: .alsAlpha) ?? defaults.alsAlpha
        weights = try container.decodeIfPresent([String: Double].self, forKey: .weights) ?? defaults.weights
        diversity = try container.decodeIfPresent(Float.self, forKey: .diversity) ?? defaults.diversity
        calibration = try container.decodeIfPresent(Float.self, forKey: .calibration) ?? defaults.calibration
        rankCandidatesAbove =
            try container.decodeIfPresent(Int.self, forKey: .rankCandidatesAbove) ?? defaults.rankCandidatesAbove
        candidatesPerGenerator =
            try container.decodeIfPresent(Int.self, forKey: .candidatesPerGenerator)
            ?? defaults.candidatesPerGenerator
    }

    /// The names of every generator the hybrid can blend.
    public static func generatorNames(recentWindow: Int) -> [String] {
        [
            "ease", "ease-recent\(recentWindow)", "itemknn", "content-surface", "content-middle", "content-deep",
            "segment-popularity", "popularity", "trending", "category-popularity", "covisit", "als"
        ]
    }

    /// Fits the generators named in `names` on `matrix` (`itemVectors` rows and `categories` follow its
    /// catalog); EASE, ItemKNN and ALS read their fits from `cache` when they were fitted on the same
    /// interactions and settings, and keep them there, as the content generators' shared index keeps its graph.
    /// `sharedIndex`, an index over `itemVectors` already built, spares building it again (the model search
    /// fits the content generators many times over one catalog).
    public func generators(
        _ names: [String], matrix: InteractionMatrix, itemVectors: Matrix, categories: ItemCategories,
        segments: [String: Int], cache: FitCache? = nil, sharedIndex: NearestNeighbourIndex? = nil
    ) throws -> [any CandidateGenerator] {
        var fitted = [any CandidateGenerator]()
        // Above the dense-ranking threshold the content generators find their candidates in one shared index.
        // Its graph is kept in `cache` between runs, like the collaborative generators' fits.
        let index =
            usesIndex(names, catalogSize: matrix.itemIDs.count)
            ? try sharedIndex ?? NearestNeighbourIndex.kept(over: itemVectors, in: cache)
            : nil
        var ease: EASE?
        for name in names {
            switch name {
            case "ease", "ease-recent\(recentWindow)":
                if ease == nil {
                    ease = try EASE(fitting: matrix, lambda: easeLambda, maximumItems: easeMaximumItems, cache: cache)
                }
                var model = ease!
                model.recentWindow = name == "ease" ? nil : recentWindow
                fitted.append(model)
            case "itemknn":
                fitted.append(
                    try ItemKNN(fitting: matrix, neighbours: knnNeighbours, shrinkage: knnShrinkage, cache: cache))
            case "als":
                fitted.append(
                    try ImplicitALS(
                        fitting: matrix, factors: alsFactors, iterations: alsIterations,
                        regularization: alsRegularization, alpha: alsAlpha, cache: cache))
            case "content-surface":
                fitted.append(Content(itemVectors: itemVectors, source: .layer(.surface), index: index))
            case "content-middle":
                fitted.append(Content(itemVectors: itemVectors, source: .layer(.middle), index: index))
            case "content-deep": fitted.append(Content(itemVectors: itemVectors, source: .layer(.deep), index: index))
            case "content": fitted.append(Content(itemVectors: itemVectors, source: .itemMean, index: index))
            case "segment-popularity": fitted.append(Popularity(fitting: matrix, segments: segments))
            case "popularity": fitted.append(Popularity(fitting: matrix))
            case "trending": fitted.append(try Trending(fitting: matrix, halfLifeDays: trendingHalfLifeDays))
            case "category-popularity":
                fitted.append(
                    try CategoryPopularity(
                        fitting: matrix, categories: categories, recentWindow: categoryWindow, decay: categoryDecay))
            case "covisit": fitted.append(try CoVisitation(fitting: matrix, window: covisitWindow))
            default:
                throw RecommendError.invalidParameter(
                    name: "generator", value: name,
                    expected: "one of \(Self.generatorNames(recentWindow: recentWindow).joined(separator: ", "))")
            }
        }
        return fitted
    }

    /// The ranker these parameters describe, fitted on `matrix` (kept fits through `cache`, when given).
    /// `itemTopics` (each catalog column's fine topic, see `Calibrator.itemTopics`) is what calibration
    /// reads.
    public func ranker(
        matrix: InteractionMatrix, itemVectors: Matrix, categories: ItemCategories, itemTopics: [Int32],
        segments: [String: Int], cache: FitCache? = nil
    ) throws -> HybridRanker {
        let names = weights.filter { $0.value != 0 }.keys.sorted()
        let generators = try generators(
            names, matrix: matrix, itemVectors: itemVectors, categories: categories,
            segments: segments, cache: cache)
        return HybridRanker(
            components: generators.map { ($0, weights[$0.name]!) },
            reranker: try reranker(itemVectors: itemVectors, itemTopics: itemTopics),
            candidateCount: matrix.itemIDs.count > rankCandidatesAbove ? candidatesPerGenerator : nil)
    }

    /// The slate's reranker: calibration when set, else diversity when set, else none.
    public func reranker(itemVectors: Matrix, itemTopics: [Int32]) throws -> (any SlateReranker)? {
        if calibration > 0 { return try Calibrator(lambda: calibration, itemTopics: itemTopics) }
        if diversity > 0 { return try Diversifier(lambda: diversity, itemVectors: itemVectors) }
        return nil
    }
}

extension HybridParameters {
    /// Whether the content generators among `names` find their candidates in an index over the item vectors
    /// (a catalog past `rankCandidatesAbove`) rather than by scanning it.
    public func usesIndex(_ names: [String], catalogSize: Int) -> Bool {
        catalogSize > rankCandidatesAbove && names.contains(where: { $0.hasPrefix("content") })
    }
}

import Foundation
import StrataCore
import StrataMath
import StrataRecommend

/// Chooses the hybrid for one store's data on a temporal validation split of it, within a time budget,
/// as Gorse's model search does: every generator alone over a grid of its settings (widened where the
/// best value sits at an edge), then the blend of the best of each by coordinate ascent from the best
/// single one, then the slate reranker. Nothing tuned on another data set is assumed. A setting replaces
/// the one before it (the first of a grid is the default) only when it wins by more than a standard
/// error over the held-out users (`PairedComparison`): on a small store most differences are noise.
///
/// The validation split is DESIGN.md's: each user's last `validationFraction` of `train`. A small store
/// (fewer than `smallStoreUsers` held-out users) is also validated on earlier cuts (each user's last
/// `2 ×`, `3 ×`, `4 × validationFraction`): at least a second one, and more until the held-out users of all
/// cuts reach `pooledUsers`; a setting is judged on all of them. One cut of a few hundred users is mostly
/// noise: on taobao-dev (410 held-out users a cut) two cuts still let a setting win by one standard error
/// that a third cut showed to be noise. Scores are dense (users × catalog), so on a large catalog the
/// held-out users are sampled (evenly) until each generator's scores fit in `maximumCells`; the outcome
/// says so.
public struct ModelSearch {
    /// The search's bounds.
    public struct Settings: Codable, Equatable, Sendable {
        /// Seconds the search may take; when they run out it keeps the best choice so far and says so.
        public var budgetSeconds = 120.0
        /// The share of each user's interactions held out for validation.
        public var validationFraction = 0.1
        /// Fewer held-out users than this and the store is too small to tune: `fallback` is used.
        public var minimumUsers = 20
        /// Fewer held-out users than this and a second, earlier validation cut is added.
        public var smallStoreUsers = 5_000
        /// A small store gets further earlier cuts (at most four in all) until its cuts hold this many
        /// held-out users together.
        public var pooledUsers = 1_200
        /// The most users × catalog scores one generator holds (the held-out users are sampled beyond).
        public var maximumCells = 1 << 24
        /// The most users a store's search reads (`Pipeline.tunedParameters`): a larger store is searched on a
        /// stable sample of its users, so the search's memory does not grow with the store.
        public var maximumUsers = 20_000
        /// Which items may be ranked; `nil` detects it from the catalog (see `CandidateItems.detect`).
        public var candidates: CandidateItems?

        public init(budgetSeconds: Double = 120) { self.budgetSeconds = budgetSeconds }
    }

    /// One setting of one generator scored alone on validation.
    public struct Trial: Codable, Equatable, Sendable {
        public var generator: String
        public var parameters: String
        public var validationNDCG: Double
        public var seconds: Double
    }

    /// What the search chose and how it got there.
    public struct Outcome: Codable, Sendable {
        public var parameters: HybridParameters
        /// NDCG@10 of the chosen blend on the validation split (0 for the fallback).
        public var validationNDCG: Double
        public var trials: [Trial]
        /// The setting kept for each generator (what its baseline row and the blend use).
        public var chosen: [Trial]
        public var seconds: Double
        /// The budget ran out before the search was done.
        public var cutShort: Bool
        /// How many held-out users were scored, and how many there were.
        public var scoredUsers: Int
        public var validationUsers: Int
        public var candidates: CandidateItems
        /// Why the fallback was used, when it was.
        public var fallback: String?

        /// One line: what was chosen, its validation NDCG@10 and how the search went.
        public var summary: String {
            if let fallback {
                return "not tuned (\(fallback)): using the fallback blend \(describe(parameters.weights))"
            }
            var line = String(
                format: "chose %@ (validation NDCG@10 %.4f; %d settings tried in %.0f s",
                describe(parameters.weights), validationNDCG, trials.count, seconds)
            if scoredUsers < validationUsers { line += "; \(scoredUsers) of \(validationUsers) held-out users sampled" }
            if cutShort { line += "; cut short by the budget, best so far kept" }
            return line + ")"
        }

        private func describe(_ weights: [String: Double]) -> String {
            weights.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        }
    }

    /// The blend used when a store is too small to tune: the defaults of `HybridParameters`, which
    /// `strata evaluate` chose on ml-latest-small (EASE over the whole history and the latest 20 items,
    /// ItemKNN and the layers' vectors) — collaborative signals that degrade gracefully on little data.
    public static var fallback: HybridParameters { HybridParameters() }

    public var settings: Settings
    public var log: (String) -> Void = { _ in }
    let train: [Interaction]
    let events: [String: [Event]]
    let catalog: EvaluationCatalog
    let builder: ProfileBuilder
    let segment: ([UserProfile]) throws -> [String: Int]

    /// A search over `train` (every user's interactions the search may read), `events` (their events by
    /// user, for profiles), the `catalog`, the profile `builder` and the `segment` grouping of profiles.
    public init(
        train: [Interaction], events: [String: [Event]], catalog: EvaluationCatalog, builder: ProfileBuilder,
        settings: Settings = Settings(), segment: @escaping ([UserProfile]) throws -> [String: Int]
    ) {
        self.train = train
        self.events = events
        self.catalog = catalog
        self.builder = builder
        self.settings = settings
        self.segment = segment
    }

    public func run() throws -> Outcome {
        let start = Date()
        let deadline = start.addingTimeInterval(settings.budgetSeconds)
        let candidates = settings.candidates ?? CandidateItems.detect(catalog: catalog.itemIDs, interactions: train)
        let split = TemporalSplit(train, testFraction: settings.validationFraction)
        let heldOutUsers = Set(split.test.map(\.user)).count
        guard heldOutUsers >= settings.minimumUsers else {
            return Outcome(
                parameters: Self.fallback, validationNDCG: 0, trials: [], chosen: [],
                seconds: Date().timeIntervalSince(start),
                cutShort: false, scoredUsers: 0, validationUsers: heldOutUsers, candidates: candidates,
                fallback:
                    "\(heldOutUsers) users have enough interactions for a validation split, \(settings.minimumUsers) needed"
            )
        }
        let cuts =
            heldOutUsers < settings.smallStoreUsers
            ? min(4, max(2, (settings.pooledUsers + heldOutUsers - 1) / heldOutUsers)) : 1
        let fractions = (1 ... cuts).map { Double($0) * settings.validationFraction }
        var folds = [EvaluationFold]()
        var validationUsers = 0
        for fraction in fractions {
            let cut = fraction == settings.validationFraction ? split : TemporalSplit(train, testFraction: fraction)
            log("tuning: building train-only profiles for the validation cut at \(Int(fraction * 100))%")
            let full = try EvaluationFold(
                train: cut.train, test: cut.test, events: events, catalog: catalog, candidates: candidates,
                builder: builder, segment: segment)
            validationUsers += full.testContexts.count
            folds.append(
                full.sampled(
                    users: max(settings.minimumUsers, settings.maximumCells / max(1, full.matrix.itemIDs.count))))
        }
        var search = Search(folds: folds, deadline: deadline, log: log)
        try search.singles()
        guard !search.trials.isEmpty else {
            return Outcome(
                parameters: Self.fallback, validationNDCG: 0, trials: [], chosen: [],
                seconds: Date().timeIntervalSince(start), cutShort: true, scoredUsers: 0,
                validationUsers: validationUsers,
                candidates: candidates, fallback: "the budget ran out before any setting was tried")
        }
        let outcome = try search.blend()
        return Outcome(
            parameters: outcome.parameters, validationNDCG: outcome.ndcg, trials: search.trials, chosen: search.chosen,
            seconds: Date().timeIntervalSince(start), cutShort: search.cutShort,
            scoredUsers: folds.reduce(0) { $0 + $1.testContexts.count }, validationUsers: validationUsers,
            candidates: candidates, fallback: nil)
    }
}

/// The search's state on its validation folds: the trials so far and the kept setting of each generator.
private struct Search {
    let folds: [EvaluationFold]
    let deadline: Date
    let log: (String) -> Void
    private(set) var trials = [ModelSearch.Trial]()
    private(set) var cutShort = false
    /// The kept setting of each generator name, fitted on each fold, with its parameters, trial and per-user
    /// NDCG@10 (fold after fold).
    private var best =
        [
            String: (
                generators: [any CandidateGenerator], parameters: HybridParameters, trial: ModelSearch.Trial,
                scores: [Double]
            )
        ]()
    private var parameters = HybridParameters()
    /// Each fold's category codes and segments.
    private let categories: [ItemCategories]
    private let segments: [[String: Int]]
    /// Each fold's EASE fits by λ.
    private var easeFits: [[Double: EASE]]
    /// Each fold's index over its catalog's vectors for the content generators, built once (past the
    /// dense-ranking threshold).
    private var contentIndexes: [NearestNeighbourIndex?]

    init(folds: [EvaluationFold], deadline: Date, log: @escaping (String) -> Void) {
        self.folds = folds
        self.deadline = deadline
        self.log = log
        categories = folds.map(\.catalog.categories)
        segments = folds.map { fold in
            Dictionary(uniqueKeysWithValues: fold.contexts.compactMap { c in c.segment.map { (c.user, $0) } })
        }
        easeFits = folds.map { _ in [:] }
        contentIndexes = folds.map { _ in nil }
        parameters.weights = [:]
    }

    private var outOfTime: Bool { Date() >= deadline }

    /// The kept setting of each generator, by name.
    var chosen: [ModelSearch.Trial] { best.values.map(\.trial).sorted { $0.generator < $1.generator } }

    /// Every generator alone, cheapest first, each over its grid.
    mutating func singles() throws {
        try grid("popularity", [("", { _ in })])
        if !folds[0].matrix.userItemTimes.isEmpty {
            try line("trending", values: [30, 7, 120], label: { "half-life=\($0) days" }) {
                $0.trendingHalfLifeDays = $1
            }
        }
        if categories[0].count > 0 {
            try grid(
                "category-popularity",
                [(20, 0.7), (5, 1), (1, 1), (20, 1), (50, 0.9)].map { window, decay in
                    (
                        "window=\(window), decay=\(decay)",
                        { (p: inout HybridParameters) in
                            (p.categoryWindow, p.categoryDecay) = (window, Float(decay))
                        }
                    )
                })
        }
        try line("covisit", values: [3, 1, 10], label: { "window=\(Int($0))" }) { $0.covisitWindow = Int($1) }
        try grid(
            "itemknn",
            [100, 50, 200].flatMap { k in
                [Float(10), 0, 50].map { shrink in
                    (
                        "k=\(k), shrink=\(shrink)",
                        { (p: inout HybridParameters) in
                            (p.knnNeighbours, p.knnShrinkage) = (k, shrink)
                        }
                    )
                }
            })
        for name in ["content", "content-surface", "content-middle", "content-deep"] {
            try grid(name, [("", { _ in })])
        }
        if !segments[0].isEmpty { try grid("segment-popularity", [("", { _ in })]) }
        try line("ease", values: [1000, 250, 4000], label: { "lambda=\($0)" }) { $0.easeLambda = $1 }
        if best["ease"] != nil {
            try line("ease-recent", values: [20, 5, 50], label: { "window=\(Int($0))" }) { $0.recentWindow = Int($1) }
        }
        try grid("als", [("factors=\(ImplicitALS.defaultFactors)", { _ in })])
    }

    /// The chosen blend: coordinate ascent over the best setting of each generator from the best single one,
    /// then the slate reranker.
    mutating func blend() throws -> (parameters: HybridParameters, ndcg: Double) {
        let ranked = best.sorted {
            ($0.value.trial.validationNDCG, $1.key) > ($1.value.trial.validationNDCG, $0.key)
        }
        guard let top = ranked.first else { return (ModelSearch.fallback, 0) }
        var chosen = HybridParameters()
        for (name, entry) in best { chosen.adopt(entry.parameters, for: name) }
        var tuner = WeightTuner(
            folds: folds.indices.map { f in (folds[f], ranked.map { $0.value.generators[f] }) }, log: log)
        tuner.grid = [0, 0.1, 0.25, 0.5, 1, 2, 4]
        tuner.deadline = deadline
        let (weights, ndcg, stopped) = tuner.tune(start: [top.value.generators[0].name: 1])
        chosen.weights = weights
        if stopped { cutShort = true }
        guard !outOfTime else {
            cutShort = true
            return (chosen, ndcg)
        }
        (chosen.diversity, chosen.calibration) = try tuner.tuneReranking(weights: weights)
        return (chosen, ndcg)
    }

    /// Scores `name` alone at each setting of `grid`, keeping the best.
    private mutating func grid(_ name: String, _ grid: [(label: String, apply: (inout HybridParameters) -> Void)])
        throws
    {
        for (label, apply) in grid { _ = try trial(name, label: label, apply) }
    }

    /// Scores `name` alone at `values` (the first is where the search starts), then keeps going past the
    /// best value while it sits at an edge of the values tried (×4 beyond the top, ÷4 below the bottom),
    /// at most three steps each way.
    private mutating func line(
        _ name: String, values: [Double], label: (Double) -> String,
        _ apply: @escaping (inout HybridParameters, Double) -> Void
    ) throws {
        var tried = [Double]()
        var kept: Double?
        for value in values {
            guard let won = try trial(name, label: label(value), { apply(&$0, value) }) else { return }
            tried.append(value)
            if won { kept = value }
        }
        for _ in 0 ..< 3 {
            guard let keptValue = kept else { return }
            let next: Double
            if keptValue == tried.max() {
                next = keptValue * 4
            } else if keptValue == tried.min(), keptValue / 4 >= 1 {
                next = keptValue / 4
            } else {
                return
            }
            guard let won = try trial(name, label: label(next), { apply(&$0, next) }) else { return }
            tried.append(next)
            if won { kept = next } else { return }
        }
    }

    /// Fits `name` with `apply`'s settings, scores it alone on validation and keeps it when it is the first
    /// setting of `name` or beats the kept one beyond the noise: whether it was kept, `nil` when the budget
    /// has run out.
    private mutating func trial(_ name: String, label: String, _ apply: (inout HybridParameters) -> Void) throws
        -> Bool?
    {
        guard !outOfTime else {
            cutShort = true
            return nil
        }
        let start = Date()
        var trialParameters = parameters
        apply(&trialParameters)
        // EASE's recency variant reads the kept λ's fit: its settings say so, whatever order they are adopted in.
        if name == "ease-recent", let lambda = best["ease"]?.parameters.easeLambda {
            trialParameters.easeLambda = lambda
        }
        let generators = try folds.indices.map { try fit(name, trialParameters, fold: $0) }
        let scores = zip(folds, generators).flatMap { fold, generator in
            fold.ndcgs(HybridRanker(components: [(generator, 1)]))
        }
        let generator = generators[0]
        let ndcg = PairedComparison.mean(scores)
        let seconds = Date().timeIntervalSince(start)
        let trial = ModelSearch.Trial(
            generator: generator.name, parameters: label, validationNDCG: ndcg, seconds: seconds)
        trials.append(trial)
        let key = name == "ease-recent" ? "ease-recent" : generator.name
        let kept = best[key].map { PairedComparison.beats(scores, $0.scores) } ?? true
        log(
            String(
                format: "tuning: %@ %@: validation NDCG@10 %.4f (%.1f s)%@", generator.name, label, ndcg, seconds,
                kept ? "" : ", not better beyond the noise"))
        if kept { best[key] = (generators, trialParameters, trial, scores) }
        if name == "ease", let lambda = best["ease"]?.parameters.easeLambda {
            // Only the kept λ's fit is read again (by the recency variant): the others' weights go (400 MB each
            // at EASE's 10,000-item head).
            easeFits = easeFits.map { $0.filter { $0.key == lambda } }
        }
        return kept
    }

    /// `name` fitted on fold `f`; EASE fits are kept by λ, and its recency variant reads the kept λ's fit.
    private mutating func fit(_ name: String, _ p: HybridParameters, fold f: Int) throws -> any CandidateGenerator {
        let fold = folds[f]
        switch name {
        case "ease", "ease-recent":
            let lambda = name == "ease" ? p.easeLambda : best["ease"]!.parameters.easeLambda
            if easeFits[f][lambda] == nil {
                easeFits[f][lambda] = try EASE(fitting: fold.matrix, lambda: lambda, maximumItems: p.easeMaximumItems)
            }
            var model = easeFits[f][lambda]!
            model.recentWindow = name == "ease" ? nil : p.recentWindow
            return model
        default:
            if contentIndexes[f] == nil, p.usesIndex([name], catalogSize: fold.matrix.itemIDs.count) {
                contentIndexes[f] = try NearestNeighbourIndex(vectors: fold.catalog.itemVectors)
            }
            return try p.generators(
                [name], matrix: fold.matrix, itemVectors: fold.catalog.itemVectors, categories: categories[f],
                segments: segments[f], sharedIndex: contentIndexes[f])[0]
        }
    }
}

extension HybridParameters {
    /// Takes the settings of the generator `name` from `other` (EASE's recency variant brings its λ and window).
    mutating func adopt(_ other: HybridParameters, for name: String) {
        switch name {
        case "ease": easeLambda = other.easeLambda
        case "ease-recent": (easeLambda, recentWindow) = (other.easeLambda, other.recentWindow)
        case "itemknn": (knnNeighbours, knnShrinkage) = (other.knnNeighbours, other.knnShrinkage)
        case "trending": trendingHalfLifeDays = other.trendingHalfLifeDays
        case "category-popularity": (categoryWindow, categoryDecay) = (other.categoryWindow, other.categoryDecay)
        case "covisit": covisitWindow = other.covisitWindow
        case "als":
            (alsFactors, alsIterations, alsRegularization, alsAlpha) = (
                other.alsFactors, other.alsIterations, other.alsRegularization, other.alsAlpha
            )
        default: break
        }
    }
}

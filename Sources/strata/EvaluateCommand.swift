import ArgumentParser
import Foundation
import StrataCore
import StrataEvaluation
import StrataPipeline
import StrataRecommend

/// `strata evaluate`: DESIGN.md's offline protocol over MostPop, ItemKNN, EASE, content and the hybrid.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate the recommenders offline: temporal 80/20 split, the model search on validation, one table.",
        discussion: """
            Runs the stages it needs first (embedding, topics). The hybrid is chosen on train by the same \
            search `strata recommend` runs on the whole store, and every baseline at the setting the search \
            found best for it. A catalog whose every item occurs in the log (a shop log's own item list) is \
            ranked over the items seen in train only (--candidates). Stores the chosen parameters for \
            `strata recommend --no-tune`.
            """)

    @OptionGroup var options: PipelineOptions
    @OptionGroup var llm: LLMOptions
    @Option(
        help: "Seconds the model search on train's validation split may take (cut short, it keeps the best so far).")
    var tuneBudget = ModelSearch.Settings().budgetSeconds
    @Option(
        help:
            "Which items the lists may hold: all (the catalog), seen (items in train: for catalogs made from the log itself), or auto (seen when every catalog item occurs in the log)."
    )
    var candidates = Candidates.auto
    @Option(
        help:
            "llm: also score the hybrid re-ranked by the LLM against the hybrid itself, on the same sample of test users (needs --llm-url and --llm-scope users)."
    )
    var rerank = Recommend.Rerank.none
    @Option(help: "How many test users --rerank llm is measured on.") var users = 50
    @Flag(
        help:
            "Evaluate the interest layers instead: each layer's top interests against what users did next at its horizon, beside frequency and popularity baselines."
    )
    var layers = false
    @Flag(help: "Print the results as JSON instead of a table.") var json = false
    @Option(help: "Also write the results as JSON to this file.") var output: String?

    func validate() throws {
        guard tuneBudget > 0 else { throw ValidationError("--tune-budget must be above 0 seconds, got \(tuneBudget)") }
        guard users >= 1 else { throw ValidationError("--users must be 1 or more, got \(users)") }
        if rerank == .llm, llm.configuration?.scope != .users {
            throw ValidationError("--rerank llm needs an endpoint (--llm-url or STRATA_LLM_URL) and --llm-scope users")
        }
    }

    func run() throws {
        let pipeline = try options.open()
        do {
            guard try pipeline.store.stats().events > 0 else { throw RecommendError.noInteractions }
            var events = [Event]()
            try pipeline.store.forEachEvent { if $0.type.isInteraction { events.append($0) } }
            // Both evaluations split the events this way; topics that read users' histories read train's.
            let train = TemporalSplit(
                events.map { Interaction(user: $0.userID, item: $0.itemID, timestamp: $0.timestamp) }
            ).trainHistories
            let catalog = try pipeline.evaluationCatalog(train: train)
            let (vectors, topics) = (catalog.vectors, catalog.topics)
            let items = try pipeline.store.items()
            let categories = Dictionary(items.map { ($0.id, $0.categories) }, uniquingKeysWith: { a, _ in a })
            if layers {
                var evaluation = LayerEvaluation(
                    events: events, builder: pipeline.profileBuilder(catalog),
                    topics: topics, itemCategories: categories.filter { !$0.value.isEmpty })
                evaluation.latestEvents = pipeline.profileConfiguration.surfaceSize
                let before = try evaluation.run()
                var tuner = LayerTuner(evaluation: evaluation) { configuration in
                    ProfileBuilder(
                        topics: topics, itemIDs: vectors.itemIDs, vectors: vectors.vectors, configuration: configuration
                    )
                }
                tuner.log = pipeline.log
                let chosen = try tuner.run(from: pipeline.profileConfiguration)
                evaluation.builder = tuner.builder(chosen)
                let after = try evaluation.run()
                let comparison = LayerComparison(
                    before: before, after: after, chosen: chosen, defaults: pipeline.profileConfiguration)
                try pipeline.saveLayerSettings(chosen, report: after)
                pipeline.log(
                    "kept the chosen layer settings for this store: profile, segment, recommend and serve build "
                        + "profiles with them (strata profile's options override one run)")
                try emit(comparison, table: \.table)
                return
            }
            var evaluation = OfflineEvaluation(
                events: events,
                catalog: EvaluationCatalog(
                    itemIDs: vectors.itemIDs, itemVectors: vectors.vectors,
                    itemCategories: categories,
                    topics: topics))
            evaluation.search = ModelSearch.Settings(budgetSeconds: tuneBudget)
            evaluation.search.candidates = candidates.items
            evaluation.profileConfiguration = pipeline.profileConfiguration
            evaluation.log = pipeline.log
            if rerank == .llm {
                llm.apply(to: pipeline)
                let titles = items.titlesByID()
                evaluation.rerank = { profile, candidates, k in
                    pipeline.rerank(candidates, profile: profile, titles: titles, k: k).map(\.item)
                }
                evaluation.rerankUsers = users
            }
            let result = try evaluation.run()
            try pipeline.saveHybridParameters(result.hybrid)
            try emit(result, table: \.table)
            if rerank == .llm { LLMOptions.reportUsage(of: pipeline) }
        } catch let error as RecommendError {
            throw CommandError(error)
        } catch let error as LayerEvaluationError {
            throw CommandError("\(options.store.name): \(error)")
        }
    }

    /// Prints `result` as its table or, with `--json`, as JSON, also writing the JSON to `--output`.
    private func emit<Result: Encodable>(_ result: Result, table: KeyPath<Result, String>) throws {
        let encoder = JSONOutput.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        let data = try encoder.encode(result)
        if let output {
            do { try data.write(to: URL(fileURLWithPath: output)) } catch {
                throw CommandError("\(output): cannot write: \(error.localizedDescription)")
            }
        }
        print(json ? String(decoding: data, as: UTF8.self) : result[keyPath: table])
    }
}

extension Evaluate {
    /// `--candidates`: the protocol's candidate items, or detect them.
    enum Candidates: String, ExpressibleByArgument, CaseIterable {
        case auto, all, seen

        var items: CandidateItems? { CandidateItems(rawValue: rawValue) }
    }
}

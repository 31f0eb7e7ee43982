import Foundation
import StrataCore
import StrataEvaluation
import StrataRecommend
import StrataStore

/// The hybrid a store's own model search chose, kept with the size of the data it was chosen on.
struct TuningRecord: StageRecord {
    var outcome: ModelSearch.Outcome
    /// Interaction events and catalog items when it was chosen.
    var events = 0
    var items = 0
    var tunedAt = 0.0

    static func key(_ qualifier: String) -> String { "recommend-tuning" }

    /// Whether the data changed materially since: the interactions or the catalog grew or shrank by half.
    func isStale(events now: Int, items nowItems: Int) -> Bool {
        func changed(_ then: Int, _ now: Int) -> Bool {
            Double(max(then, now)) >= 1.5 * Double(max(1, min(then, now)))
        }
        return changed(events, now) || changed(items, nowItems)
    }
}

extension Pipeline {
    /// The hybrid's parameters for `recommend` and `serve`. With `tuning` set (the default): the store's
    /// own search's choice, searched again when there is none yet or the data changed materially since
    /// (`TuningRecord.isStale`). Without: what an older `strata evaluate` stored, else the defaults.
    /// A search runs over `catalog` (the current one, from `catalog()`).
    public func hybridParameters(catalog: CatalogStages) throws -> HybridParameters {
        guard let tuning else { return try store.record(HybridParameters.self) ?? HybridParameters() }
        return try tunedParameters(tuning, catalog: catalog).parameters
    }

    /// The search's outcome for this store: the kept one while the data has not changed materially, else a
    /// new search on the store's interactions (kept for the next run), logged in one line.
    public func tunedParameters(_ settings: ModelSearch.Settings, catalog: CatalogStages) throws -> ModelSearch.Outcome
    {
        let stats = try store.stats()
        let interactions = stats.eventsByType.filter { EventType(rawValue: $0.key)?.isInteraction ?? false }
            .values.reduce(0, +)
        if let kept = try store.record(TuningRecord.self), !kept.isStale(events: interactions, items: stats.items) {
            return kept.outcome
        }
        let (vectors, topics) = (catalog.vectors, catalog.topics)
        // A large store is searched on a stable sample of its users (by a hash of their ids).
        let share = min(1, Double(settings.maximumUsers) / Double(max(1, stats.users)))
        if share < 1 {
            log(String(format: "tuning on a sample of about %d of the %d users", settings.maximumUsers, stats.users))
        }
        var events = [Event]()
        var occurring = Set<String>()  // over every user, so a sample does not hide that the catalog is the log's
        try store.forEachEvent { event in
            guard event.type.isInteraction else { return }
            occurring.insert(event.itemID)
            if share >= 1 || Self.sampled(event.userID, share: share) { events.append(event) }
        }
        var settings = settings
        if settings.candidates == nil {
            settings.candidates = CandidateItems.detect(catalog: vectors.itemIDs, occurring: occurring)
        }
        let items = try store.items()
        let catalog = EvaluationCatalog(
            itemIDs: vectors.itemIDs, itemVectors: vectors.vectors,
            itemCategories: Dictionary(items.map { ($0.id, $0.categories) }, uniquingKeysWith: { a, _ in a }),
            topics: topics)
        let segmenter = segmentation.segmenter
        var search = ModelSearch(
            train: events.map { Interaction(user: $0.userID, item: $0.itemID, timestamp: $0.timestamp) },
            events: Dictionary(grouping: events, by: \.userID), catalog: catalog,
            builder: ProfileBuilder(
                topics: topics, itemIDs: vectors.itemIDs, vectors: vectors.vectors, configuration: profileConfiguration),
            settings: settings,
            segment: { profiles in
                try Popularity.userSegments { try segmenter.fit(profiles: profiles, topics: topics) }
            })
        log(
            String(
                format:
                    "choosing the recommender on a validation split of this store's %d interactions (budget %.0f s)",
                events.count, settings.budgetSeconds))
        search.log = { [log] line in log(line) }
        let outcome = try search.run()
        log("recommender: \(outcome.summary)")
        try store.save(TuningRecord(outcome: outcome, events: interactions, items: stats.items, tunedAt: Self.now))
        return outcome
    }

    /// Whether `user` is in the stable sample that keeps `share` of the users.
    static func sampled(_ user: String, share: Double) -> Bool {
        var hash = FNV1a()
        hash.mix(user)
        return Double(hash.value % 1_000_000) < share * 1_000_000
    }
}

import Foundation
import StrataCore
import StrataMath
import StrataRecommend
import StrataStore

extension Pipeline {
    /// Stores tuned parameters for later `recommend` runs.
    public func saveHybridParameters(_ parameters: HybridParameters) throws {
        try store.save(parameters)
    }

    /// Every user's interactions in time order, as `(user, item ids)`, and when each happened (Unix
    /// seconds, one list per history).
    public func interactionHistories() throws -> (histories: [(user: String, items: [String])], times: [[Int64]]) {
        var histories = [(user: String, items: [String])]()
        var times = [[Int64]]()
        try store.forEachEvent { event in
            guard event.type.isInteraction else { return }
            if histories.last?.user != event.userID {
                histories.append((event.userID, []))
                times.append([])
            }
            histories[histories.count - 1].items.append(event.itemID)
            times[times.count - 1].append(event.timestamp)
        }
        return (histories, times)
    }

    /// The recommender over the store's current data and `catalog` (the current one, from `catalog()`),
    /// bringing the profiles and segments up to date first and fitting the hybrid's generators. On a store without interactions
    /// yet the collaborative generators score nothing and users are served from their layers' vectors.
    /// The collaborative fits go through the `fitKeeper` when one is set, holding the store's recommender fit
    /// lock (waiting for another process's fit to finish first). `excludeSeen` says which of a
    /// user's items are never recommended back. `profiles` are the current ones when the caller has them
    /// already, else they are loaded. With `profiles: []` the users' contexts have no profiles,
    /// for a caller that reads them block by block (`recommendEveryUser`): every user's profile held at
    /// once takes about 6 KB a user.
    public func recommender(
        parameters: HybridParameters? = nil, excludeSeen: SeenExclusion = .interacted, catalog: CatalogStages,
        profiles: [UserProfile]? = nil
    ) throws -> Recommender {
        let parameters = try parameters ?? hybridParameters(catalog: catalog)
        let inputs = try currentRecommenderInputs(excludeSeen: excludeSeen, catalog: catalog, profiles: profiles)
        return try fitRecommender(inputs, parameters: parameters, cache: fitCache)
    }

    /// What `recommender(…)` fits on: the store's current data over `catalog`, the profiles and the deep
    /// layer's segments brought up to date first; `profiles` when the caller has them.
    public func currentRecommenderInputs(
        excludeSeen: SeenExclusion = .interacted, catalog: CatalogStages, profiles: [UserProfile]? = nil
    ) throws -> RecommenderInputs {
        try ensureProfiles(catalog)
        let segments = try Popularity.userSegments { try self.segments(layer: .deep, catalog: catalog) }
        return try recommenderInputs(
            vectors: catalog.vectors, topics: catalog.topics, profiles: try profiles ?? store.profiles(),
            segments: segments, excludeSeen: excludeSeen)
    }

    /// The hybrid `parameters` describe fitted on `inputs`, its kept fits read from and kept in `cache`
    /// while holding the store's recommender fit lock.
    func fitRecommender(_ inputs: RecommenderInputs, parameters: HybridParameters, cache: FitCache?) throws
        -> Recommender
    {
        log("fitting the hybrid recommender on \(inputs.histories.count) users")
        return try whileHoldingFitLock(.recommender) {
            try Recommender(fitting: inputs, parameters: parameters, cache: cache)
        }
    }

    /// Runs `body` holding the store's `fit` lock, waiting while another holder has it (asking again every
    /// second). On a shared store, a process that starts beside another one fitting the same data thus
    /// reads that one's kept fits once it is done, rather than fitting them too.
    func whileHoldingFitLock<T>(_ fit: FitKind, _ body: () throws -> T) throws -> T {
        var waiting = false
        while true {
            if let result = try store.whileFitting(fit, body) { return result }
            if !waiting { log("another process is fitting the \(fit.rawValue); waiting for it to finish") }
            waiting = true
            Thread.sleep(forTimeInterval: 1)
        }
    }

    /// The kept fits of `fitKeeper`, logging through `log`; `nil` without a keeper.
    public var fitCache: FitCache? {
        fitKeeper.map { FitCache(keeper: $0, log: log) }
    }

    /// What a recommender is fitted on: the stored interaction histories and titles, with the given
    /// item vectors, topics, profiles and segments (which a server takes from what it serves), never
    /// recommending back what `excludeSeen` says (the stored purchases are read for `.purchased`).
    public func recommenderInputs(
        vectors: EmbeddingSet, topics: TopicModel, profiles: [UserProfile],
        segments: [String: Int], excludeSeen: SeenExclusion = .interacted
    ) throws -> RecommenderInputs {
        let items = try store.items()
        let (histories, times) = try interactionHistories()
        var inputs = RecommenderInputs(
            vectors: vectors, topics: topics, histories: histories, profiles: profiles,
            segments: segments,
            titles: items.titlesByID(),
            categories: Dictionary(items.map { ($0.id, $0.categories) }, uniquingKeysWith: { a, _ in a }))
        inputs.times = times
        inputs.excludeSeen = excludeSeen
        if excludeSeen == .purchased { inputs.purchases = try purchases() }
        return inputs
    }

    /// Every user's purchased items, by user id.
    func purchases() throws -> [String: [String]] {
        var purchases = [String: [String]]()
        try store.forEachEvent { event in
            if event.type == .purchase { purchases[event.userID, default: []].append(event.itemID) }
        }
        return purchases
    }
}

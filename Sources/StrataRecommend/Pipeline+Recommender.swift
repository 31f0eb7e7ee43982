import Foundation
import StrataCore
import StrataMath
import StrataPipeline

extension Pipeline {
    /// The stage-input key under which `strata evaluate` stores the hybrid's tuned parameters.
    public static let recommendParametersKey = "recommend-parameters"

    /// The hybrid's parameters: the ones `strata evaluate` tuned on this store, else the defaults.
    public func hybridParameters() throws -> HybridParameters {
        guard let json = try store.stageInput(Self.recommendParametersKey),
              let parameters = try? JSONDecoder().decode(HybridParameters.self, from: Data(json.utf8)) else { return HybridParameters() }
        return parameters
    }

    /// Stores tuned parameters for later `recommend` runs.
    public func saveHybridParameters(_ parameters: HybridParameters) throws {
        let data = try JSONEncoder().encode(parameters)
        try store.recordStageInput(Self.recommendParametersKey, fingerprint: String(decoding: data, as: UTF8.self))
    }

    /// Every user's interactions in time order, as `(user, item ids)`.
    public func interactionHistories() throws -> [(user: String, items: [String])] {
        var histories = [(user: String, items: [String])]()
        try store.forEachEvent { event in
            guard event.type.isInteraction else { return }
            if histories.last?.user != event.userID { histories.append((event.userID, [])) }
            histories[histories.count - 1].items.append(event.itemID)
        }
        return histories
    }

    /// The recommender over the store's current data, running the stages it needs first (embedding,
    /// topics, profiles, segments) and fitting the hybrid's generators. On a store without interactions
    /// yet the collaborative generators score nothing and users are served from their layers' vectors.
    public func recommender(parameters: HybridParameters? = nil) throws -> Recommender {
        let parameters = try parameters ?? hybridParameters()
        let vectors = try itemVectors()
        let topics = try topics()
        try ensureProfiles()
        let histories = try interactionHistories()
        let profiles = try store.profiles()
        let segments = try Popularity.userSegments { try self.segments(layer: .deep) }
        let matrix = InteractionMatrix(itemIDs: vectors.itemIDs, histories: histories)
        log("fitting the hybrid recommender on \(histories.count) users")
        let ranker = try parameters.ranker(matrix: matrix, itemVectors: vectors.vectors, segments: segments)
        let profileOf = Dictionary(profiles.map { ($0.user, $0) }, uniquingKeysWith: { a, _ in a })
        var contexts = [String: UserContext]()
        for (row, user) in matrix.userIDs.enumerated() {
            contexts[user] = UserContext(user: user, items: matrix.userItems[row], profile: profileOf[user], segment: segments[user])
        }
        let titles = Dictionary(try store.items().map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        return Recommender(
            matrix: matrix, ranker: ranker,
            explainer: Explainer(topics: topics, itemIDs: vectors.itemIDs, itemVectors: vectors.vectors, titles: titles),
            coldStart: TextColdStart(topics: topics, itemIDs: vectors.itemIDs, itemVectors: vectors.vectors),
            contexts: contexts)
    }
}

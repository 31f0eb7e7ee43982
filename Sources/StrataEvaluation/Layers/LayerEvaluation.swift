import Foundation
import StrataCore

/// Whether each interest layer means what its name says: on DESIGN.md's temporal split, every user's layers
/// are built from their train events only, and each layer's top interests are scored against what the user
/// did afterwards at the layer's own horizon — surface against the next few events, middle against the
/// next weeks, deep against the whole remainder and against a later window that skips the near future —
/// beside three plain baselines at the same level: the user's all-history frequency, the frequency in
/// their latest events, and everyone's popularity.
///
/// Interests are compared as topics (fine for surface and middle, coarse for deep, as the layers hold
/// them) and, where the catalog has categories, as leaf categories (`Interest.categoryShares`).
public struct LayerEvaluation {
    /// The interaction events.
    public var events: [Event]
    public var builder: ProfileBuilder
    public var topics: TopicModel
    /// Item id → category paths.
    public var itemCategories: [String: [String]]
    /// How many next events the surface layer is scored against.
    public var nextEvents = 5
    /// How many days after the cut the middle layer is scored against.
    public var nextDays = 28.0
    /// How many latest train events the recency baseline counts (the surface layer's size by default).
    public var latestEvents = 20
    /// How many top interests are scored.
    public var k = 3

    public init(events: [Event], builder: ProfileBuilder, topics: TopicModel, itemCategories: [String: [String]] = [:])
    {
        self.events = events
        self.builder = builder
        self.topics = topics
        self.itemCategories = itemCategories
    }

    /// The horizons, each with the layer scored at it.
    public enum Horizon: String, Codable, CaseIterable, Sendable {
        case nextEvents = "next events"
        case nextWeeks = "next weeks"
        case remainder = "whole remainder"
        case later = "later window"

        var layer: LayerKind {
            switch self {
            case .nextEvents: .surface
            case .nextWeeks: .middle
            case .remainder, .later: .deep
            }
        }
    }

    /// The level interests are compared at.
    public enum Level: String, Codable, Sendable { case topics, categories }

    public func run() throws -> LayerReport {
        let interactions = events.filter(\.type.isInteraction)
        let split = TemporalSplit(
            interactions.map { Interaction(user: $0.userID, item: $0.itemID, timestamp: $0.timestamp) })
        guard !split.test.isEmpty else { throw LayerEvaluationError.tooFewEvents }
        let kept = Set(split.train)
        let train = Dictionary(grouping: interactions.filter { kept.contains(Self.interaction($0)) }, by: \.userID)
            .mapValues { $0.sorted(by: Self.chronological) }
        let test = Dictionary(grouping: split.test, by: \.user).mapValues { $0.sorted(by: Interaction.chronological) }
        let hasCategories = !itemCategories.isEmpty
        // Everyone's popularity over train, at each level.
        var popularity = [Key: Double]()
        for event in train.values.joined() {
            for (key, share) in keys(of: event.itemID, levels: hasCategories) { popularity[key, default: 0] += share }
        }
        var sums = [RowKey: (precision: Double, ndcg: Double, calibration: Double, users: Int)]()
        for (user, future) in test {
            guard let past = train[user], !past.isEmpty else { continue }
            let profile = builder.profile(user: user, events: past)
            let cut = past.last!.timestamp
            for horizon in Horizon.allCases {
                let window: ArraySlice<Interaction> =
                    switch horizon {
                    case .nextEvents: future.prefix(nextEvents)
                    case .nextWeeks: future.prefix { Double($0.timestamp - cut) <= nextDays * 86_400 }[...]
                    case .remainder: future[...]
                    case .later: future.count >= 2 ? future.suffix(future.count / 2) : []
                    }
                guard !window.isEmpty else { continue }
                let layer = horizon.layer
                for level in hasCategories ? [Level.topics, .categories] : [.topics] {
                    let target = distribution(window.map(\.item), level: level, layer: layer)
                    guard !target.isEmpty else { continue }
                    let predictors: [(String, [Key: Double])] = [
                        (layer.rawValue, layerDistribution(profile.layer(layer).interests, level: level, layer: layer)),
                        ("all-history frequency", distribution(past.map(\.itemID), level: level, layer: layer)),
                        (
                            "latest \(latestEvents) frequency",
                            distribution(past.suffix(latestEvents).map(\.itemID), level: level, layer: layer)
                        ),
                        ("popularity", popularity.filter { $0.key.matches(level: level, layer: layer) })
                    ]
                    for (name, predicted) in predictors {
                        let scores = Self.score(predicted, against: target, k: k)
                        let row = RowKey(horizon: horizon, level: level, predictor: name)
                        var sum = sums[row] ?? (0, 0, 0, 0)
                        (sum.precision, sum.ndcg, sum.calibration, sum.users) = (
                            sum.precision + scores.precision, sum.ndcg + scores.ndcg,
                            sum.calibration + scores.calibration, sum.users + 1
                        )
                        sums[row] = sum
                    }
                }
            }
        }
        let rows = sums.map { key, sum in
            LayerReport.Row(
                horizon: key.horizon, layer: key.horizon.layer, level: key.level, predictor: key.predictor,
                precisionAtK: sum.precision / Double(sum.users), ndcgAtK: sum.ndcg / Double(sum.users),
                calibration: sum.calibration / Double(sum.users), users: sum.users)
        }
        return LayerReport(
            k: k, users: test.count, hasCategories: hasCategories,
            rows: rows.sorted {
                ($0.horizon.order, $0.level.rawValue, $0.predictorOrder, $0.predictor)
                    < ($1.horizon.order, $1.level.rawValue, $1.predictorOrder, $1.predictor)
            })
    }

    /// Precision@k of the top k predicted keys, NDCG@k with the target's shares as graded gains, and the
    /// calibration 1 − total variation distance between the two distributions (both normalised).
    static func score(_ predicted: [Key: Double], against target: [Key: Double], k: Int) -> (
        precision: Double, ndcg: Double, calibration: Double
    ) {
        let top = predicted.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(k)
            .map(\.key)
        let precision = Double(top.filter { target[$0] != nil }.count) / Double(k)
        let dcg = top.enumerated().reduce(0.0) { $0 + (target[$1.element] ?? 0) / log2(Double($1.offset + 2)) }
        let ideal = target.values.sorted(by: >).prefix(k).enumerated().reduce(0.0) {
            $0 + $1.element / log2(Double($1.offset + 2))
        }
        let p = normalised(predicted)
        let q = normalised(target)
        let distance = Set(p.keys).union(q.keys).reduce(0.0) { $0 + abs((p[$1] ?? 0) - (q[$1] ?? 0)) } / 2
        return (precision, ideal > 0 ? dcg / ideal : 0, 1 - distance)
    }

    private static func normalised(_ weights: [Key: Double]) -> [Key: Double] {
        let positive = weights.filter { $0.value > 0 }
        let total = positive.values.reduce(0, +)
        return total > 0 ? positive.mapValues { $0 / total } : [:]
    }

    /// A layer's interests as a distribution at `level`: topics by their weights (fine for surface and
    /// middle, coarse for deep, as the layers hold them), or leaf categories.
    private func layerDistribution(_ interests: [Interest], level: Level, layer: LayerKind) -> [Key: Double] {
        switch level {
        case .topics:
            var weights = [Key: Double]()
            for interest in interests where interest.weight > 0 {
                guard let topic = interest.topic else { continue }
                weights[layer == .deep ? .coarseTopic(topic) : .topic(topic), default: 0] += interest.weight
            }
            return weights
        case .categories:
            let shares = Interest.categoryShares(interests, categories: itemCategories) ?? [:]
            return Dictionary(uniqueKeysWithValues: shares.map { (Key.category($0.key), $0.value) })
        }
    }

    /// How `items` (one per event) spread over the keys of `level` (topics at `layer`'s granularity).
    private func distribution(_ items: [String], level: Level, layer: LayerKind) -> [Key: Double] {
        var counts = [Key: Double]()
        for item in items {
            for (key, share) in keys(of: item, levels: level == .categories)
            where key.matches(level: level, layer: layer) {
                counts[key, default: 0] += share
            }
        }
        return counts
    }

    /// An item's fine and coarse topic, and with `levels` its leaf categories (shares of one).
    private func keys(of item: String, levels categories: Bool) -> [(Key, Double)] {
        var keys = [(Key, Double)]()
        if let fine = topics.itemTopics[item] {
            keys.append((.topic(fine), 1))
            keys.append((.coarseTopic(topics.parent(of: fine)), 1))
        }
        if categories {
            let leaves = Interest.leafCategories(itemCategories[item] ?? [])
            for leaf in leaves { keys.append((.category(leaf), 1 / Double(leaves.count))) }
        }
        return keys
    }

    private static func interaction(_ event: Event) -> Interaction {
        Interaction(user: event.userID, item: event.itemID, timestamp: event.timestamp)
    }

    private static func chronological(_ a: Event, _ b: Event) -> Bool {
        Interaction.chronological(interaction(a), interaction(b))
    }

    /// What an interest is at one level: a fine topic (surface, middle), a coarse one (deep), a leaf category.
    enum Key: Hashable, Comparable {
        case topic(Int)
        case coarseTopic(Int)
        case category(String)

        func matches(level: Level, layer: LayerKind) -> Bool {
            switch self {
            case .topic: level == .topics && layer != .deep
            case .coarseTopic: level == .topics && layer == .deep
            case .category: level == .categories
            }
        }
    }

    private struct RowKey: Hashable {
        var horizon: Horizon
        var level: Level
        var predictor: String
    }
}

/// Why a layer evaluation could not run.
public enum LayerEvaluationError: Error, CustomStringConvertible, Equatable {
    case tooFewEvents

    public var description: String {
        "no user has the 5 or more interactions a temporal split needs: nothing to score the layers against"
    }
}

extension LayerEvaluation.Horizon {
    var order: Int { Self.allCases.firstIndex(of: self)! }
}

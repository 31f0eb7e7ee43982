import Foundation
import StrataCore

/// Calibrated recommendations (Steck, RecSys 2018): the slate's mix of fine topics is pulled toward the
/// user's mix of interests, so a user who is half laptops and half music is not shown music alone.
///
/// The user's mix `p` is the average of the surface and middle layers' topic weights. Each next pick is
/// the candidate that maximises `(1 − λ)·relevance − λ·KL(p ‖ q̃)`, where `q` is the topic mix of the
/// slate with that candidate in it and `q̃ = (1 − α)·q + α·p` keeps the divergence finite. λ = 0 keeps
/// the ranking as it is; a user without topic interests keeps theirs.
public struct Calibrator: SlateReranker {
    /// The trade-off λ in [0, 1].
    public let lambda: Float
    public let poolSize: Int
    /// The fine topic of every catalog column (−1: none).
    public let itemTopics: [Int32]
    /// Steck's α: how much of `p` is mixed into the slate's mix.
    static let alpha = 0.01

    /// - Parameters:
    ///   - lambda: the trade-off λ in [0, 1] between relevance and calibration.
    ///   - itemTopics: the fine topic of every catalog column, −1 where an item has none.
    ///   - poolSize: how many of the best-scored candidates the slate is picked from.
    public init(lambda: Float, itemTopics: [Int32], poolSize: Int = 100) throws {
        guard (0 ... 1).contains(lambda) else {
            throw RecommendError.invalidParameter(
                name: "calibration", value: "\(lambda)", expected: "a number from 0 to 1")
        }
        self.lambda = lambda
        self.itemTopics = itemTopics
        self.poolSize = poolSize
    }

    /// The fine topic of each of `itemIDs` (−1 for items the topics do not cover).
    public static func itemTopics(of topics: TopicModel, itemIDs: [String]) -> [Int32] {
        itemIDs.map { topics.itemTopics[$0].map(Int32.init) ?? -1 }
    }

    /// The user's mix of fine topics: the surface and middle layers' topic weights averaged (a layer
    /// without topic interests leaves the other alone), summing to 1; empty without topic interests.
    public static func targetMix(of profile: UserProfile?) -> [Int32: Double] {
        guard let profile else { return [:] }
        var mix = [Int32: Double]()
        for layer in [profile.surface, profile.middle] {
            let interests = layer.interests.filter { $0.topic != nil && $0.weight > 0 }
            let total = interests.reduce(0) { $0 + $1.weight }
            guard total > 0 else { continue }
            for interest in interests { mix[Int32(interest.topic!), default: 0] += interest.weight / total }
        }
        let total = mix.values.reduce(0, +)
        return total > 0 ? mix.mapValues { $0 / total } : [:]
    }

    /// The share of `mix` whose topics appear among `items` (catalog columns whose fine topics are
    /// `itemTopics`): 1 when the slate touches every interest of the user's, whatever their weights.
    public static func interestCoverage(of items: [Int], mix: [Int32: Double], itemTopics: [Int32]) -> Double {
        let shown = Set(items.map { itemTopics[$0] })
        return mix.reduce(0) { $0 + (shown.contains($1.key) ? $1.value : 0) }
    }

    public func rerank(_ pool: [(index: Int, score: Float)], k: Int, for user: UserContext) -> [(
        item: Int, score: Float
    )] {
        let mix = Self.targetMix(of: user.profile)
        guard lambda > 0, !mix.isEmpty else { return pool.prefix(k).map { (item: $0.index, score: $0.score) } }
        let target = Array(mix)
        var relevance = Self.relevance(of: pool)
        var remaining = pool
        var counts = [Int32: Double]()
        var picked = [(item: Int, score: Float)]()
        while picked.count < k, !remaining.isEmpty {
            let size = Double(picked.count + 1)
            var best = 0
            var bestValue = -Float.infinity
            for (n, candidate) in remaining.enumerated() {
                let topic = itemTopics[candidate.index]
                var divergence = 0.0
                for (t, p) in target {
                    let q = ((counts[t] ?? 0) + (t == topic ? 1 : 0)) / size
                    divergence += p * log(p / ((1 - Self.alpha) * q + Self.alpha * p))
                }
                let value = (1 - lambda) * relevance[n] - lambda * Float(divergence)
                if value > bestValue { (best, bestValue) = (n, value) }
            }
            let chosen = remaining.remove(at: best)
            relevance.remove(at: best)
            counts[itemTopics[chosen.index], default: 0] += 1
            picked.append((chosen.index, chosen.score))
        }
        return picked
    }
}

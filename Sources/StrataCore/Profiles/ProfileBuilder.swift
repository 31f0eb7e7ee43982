import Foundation
import StrataMath
import StrataText

/// Builds a user's three interest layers from their events, the catalog's topics and item vectors.
///
/// - Surface: the latest `surfaceSize` interactions by event weight, as fine topics plus the phrases
///   the user typed (searches, tags, review keywords).
/// - Middle: fine topics over the whole history, each event weighted by type and by exponential decay
///   with the configured half-life, measured from the reference time.
/// - Deep: coarse topics scored by how consistently they appear across `windowCount` equal-count
///   windows of the history: the share of windows they appear in times their mean share. The vector
///   weighs, per coarse topic, the direction of the user's own items in it, so two users of one
///   coarse topic who like different parts of it stay apart.
///
/// A profile is a pure function of the user's events, so updating it after new events and computing
/// it from scratch give the same result.
public struct ProfileBuilder: Sendable {
    public var configuration: ProfileConfiguration
    public let topics: TopicModel
    /// Row of every item in `vectors`.
    public let itemRows: [String: Int]
    /// Unit item vectors.
    public let vectors: Matrix
    private let tokenizer = WordTokenizer()

    public init(topics: TopicModel, itemIDs: [String], vectors: Matrix, configuration: ProfileConfiguration = ProfileConfiguration()) {
        self.topics = topics
        self.vectors = vectors
        self.configuration = configuration
        var rows = [String: Int](minimumCapacity: itemIDs.count)
        for (row, id) in itemIDs.enumerated() { rows[id] = row }
        self.itemRows = rows
    }

    /// The profile of `user` from `events` (any order); decay is measured from `referenceTime`, by
    /// default the user's last event.
    public func profile(user: String, events: [Event], referenceTime: Int64? = nil) -> UserProfile {
        let history = events.filter { itemRows[$0.itemID] != nil && topics.itemTopics[$0.itemID] != nil }
            .sorted { ($0.timestamp, $0.itemID) < ($1.timestamp, $1.itemID) }
        let reference = referenceTime ?? history.last?.timestamp ?? 0
        return UserProfile(
            user: user,
            surface: surfaceLayer(Array(history.suffix(configuration.surfaceSize))),
            middle: middleLayer(history, reference: reference),
            deep: deepLayer(history),
            referenceTime: reference,
            eventCount: history.count)
    }

    func surfaceLayer(_ recent: [Event]) -> InterestLayer {
        var tally = Tally()
        for event in recent {
            let w = configuration.weight(of: event)
            let topic = topics.itemTopics[event.itemID]!
            tally.add(key: .topic(topic), weight: w, item: event.itemID)
            if let phrase = phrase(of: event) { tally.add(key: .phrase(phrase), weight: w, item: event.itemID) }
        }
        return layer(tally, vectorWeights: recent.map { ($0.itemID, configuration.weight(of: $0)) })
    }

    func middleLayer(_ history: [Event], reference: Int64) -> InterestLayer {
        let halfLife = configuration.halfLifeDays * 86_400
        var tally = Tally()
        var vectorWeights = [(String, Double)]()
        for event in history {
            let decay = pow(0.5, Double(max(0, reference - event.timestamp)) / halfLife)
            let w = configuration.weight(of: event) * decay
            tally.add(key: .topic(topics.itemTopics[event.itemID]!), weight: w, item: event.itemID)
            vectorWeights.append((event.itemID, w))
        }
        return layer(tally, vectorWeights: vectorWeights)
    }

    func deepLayer(_ history: [Event]) -> InterestLayer {
        let n = history.count
        let windows = min(configuration.windowCount, n)
        guard windows > 0 else { return InterestLayer(interests: [], vector: [Float](repeating: 0, count: vectors.columns)) }
        var shareSums = [Int: Double](), presence = [Int: Int](), evidence = [Int: [String: Double]]()
        for w in 0 ..< windows {
            var weights = [Int: Double]()
            for event in history[w * n / windows ..< (w + 1) * n / windows] {
                let weight = configuration.weight(of: event)
                guard weight > 0 else { continue }
                let coarse = topics.parent(of: topics.itemTopics[event.itemID]!)
                weights[coarse, default: 0] += weight
                evidence[coarse, default: [:]][event.itemID, default: 0] += weight
            }
            let total = orderIndependentSum(weights.values)
            for (coarse, weight) in weights where total > 0 {
                shareSums[coarse, default: 0] += weight / total
                presence[coarse, default: 0] += 1
            }
        }
        var tally = Tally()
        for (coarse, sum) in shareSums {
            let consistency = Double(presence[coarse]!) / Double(windows)
            tally.scores[.topic(coarse)] = consistency * sum / Double(windows)
            tally.evidence[.topic(coarse)] = evidence[coarse]
        }
        var vector = [Float](repeating: 0, count: vectors.columns)
        for coarse in shareSums.keys.sorted() {
            let score = tally.scores[.topic(coarse)]!
            var own = [Float](repeating: 0, count: vectors.columns)
            for (item, weight) in evidence[coarse]!.sorted(by: { $0.key < $1.key }) {
                let row = itemRows[item]!
                for c in own.indices { own[c] += Float(weight) * vectors[row, c] }
            }
            let direction = VectorMath.normalized(own)
            for c in vector.indices { vector[c] += Float(score) * direction[c] }
        }
        return InterestLayer(interests: interests(tally), vector: VectorMath.normalized(vector))
    }

    /// What the user typed with the event, as a short phrase: a search or tag as written, a review's
    /// first keywords.
    func phrase(of event: Event) -> String? {
        guard let text = event.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        switch event.type {
        case .search, .tag: return String(text.lowercased().prefix(40))
        case .review:
            let terms = tokenizer.terms(text).prefix(3)
            return terms.isEmpty ? nil : terms.joined(separator: " ")
        default: return nil
        }
    }

    /// Ranked interests and the vector of the items whose net weight is positive (a later dislike of an
    /// item cancels what earlier views of it added).
    private func layer(_ tally: Tally, vectorWeights: [(String, Double)]) -> InterestLayer {
        var net = [String: Double]()
        for (item, weight) in vectorWeights { net[item, default: 0] += weight }
        var vector = [Float](repeating: 0, count: vectors.columns)
        for (item, weight) in net.sorted(by: { $0.key < $1.key }) where weight > 0 {
            let row = itemRows[item]!
            for c in vector.indices { vector[c] += Float(weight) * vectors[row, c] }
        }
        return InterestLayer(interests: interests(tally), vector: VectorMath.normalized(vector))
    }

    private func interests(_ tally: Tally) -> [Interest] {
        let positive = tally.scores.filter { $0.value > 0 }
        let total = orderIndependentSum(positive.values)
        guard total > 0 else { return [] }
        return positive.map { key, score -> Interest in
            let evidence = (tally.evidence[key] ?? [:]).filter { $0.value > 0 }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(configuration.evidencePerInterest).map(\.key)
            switch key {
            case .topic(let id): return Interest(label: topics.topic(id).label, weight: score / total, evidence: evidence, topic: id)
            case .phrase(let text): return Interest(label: "“\(text)”", weight: score / total, evidence: evidence)
            }
        }
        .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.label < $1.label }
        .prefix(configuration.interestsPerLayer).map { $0 }
    }
}

/// The sum of `values` in ascending order, so that it does not depend on a dictionary's iteration order
/// (which changes between runs): the same events always give bit-identical profiles.
private func orderIndependentSum(_ values: some Collection<Double>) -> Double {
    values.sorted().reduce(0, +)
}

/// Weights and evidence accumulated per interest.
private struct Tally {
    enum Key: Hashable { case topic(Int), phrase(String) }
    var scores = [Key: Double]()
    var evidence = [Key: [String: Double]]()

    mutating func add(key: Key, weight: Double, item: String) {
        scores[key, default: 0] += weight
        evidence[key, default: [:]][item, default: 0] += weight
    }
}

import Foundation
import StrataMath
import StrataText

/// Builds a user's three interest layers from their events, the catalog's topics and item vectors.
///
/// - Surface: the latest `surfaceSize` interactions by event weight (each older one times `surfaceDecay`),
///   as fine topics plus the phrases the user typed (searches, tags, review keywords).
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
    /// Cuts review text into terms, Chinese into the words the topics learned (`TopicModel.lexicon`).
    private let tokenizer: WordTokenizer
    /// The items with a vector and a topic, sorted by id: a history names items by their rank here, so
    /// sorting ranks sorts ids.
    private let rankedItems: [RankedItem]
    private let rankOf: [String: Int32]

    /// An item as the layers read it.
    private struct RankedItem: Sendable {
        var id: String
        var row: Int
        var fine: Int
        var coarse: Int
    }

    /// A builder over the catalog's topics and item vectors.
    ///
    /// - Parameters:
    ///   - topics: The fitted topics; only items with a fine topic in `topics.itemTopics` count, and events on
    ///     other items are ignored.
    ///   - itemIDs: The item of each row of `vectors`, in order (a repeated id keeps its last row); as many as
    ///     `vectors.rows`, which is not checked: an id past the last row traps when a profile reads it.
    ///   - vectors: Unit item vectors; their width is the width of every profile vector.
    ///   - configuration: Event weights, half-life, layer sizes and list lengths (see `ProfileConfiguration`).
    public init(
        topics: TopicModel, itemIDs: [String], vectors: Matrix,
        configuration: ProfileConfiguration = ProfileConfiguration()
    ) {
        var rows = [String: Int](minimumCapacity: itemIDs.count)
        for (row, id) in itemIDs.enumerated() { rows[id] = row }
        let ranked = rows.compactMap { id, row in
            topics.itemTopics[id].map { RankedItem(id: id, row: row, fine: $0, coarse: topics.parent(of: $0)) }
        }
        .sorted { $0.id < $1.id }
        self.init(
            topics: topics, vectors: vectors, configuration: configuration, itemRows: rows, rankedItems: ranked,
            rankOf: Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1.id, Int32($0)) }))
    }

    private init(
        topics: TopicModel, vectors: Matrix, configuration: ProfileConfiguration, itemRows: [String: Int],
        rankedItems: [RankedItem], rankOf: [String: Int32]
    ) {
        self.topics = topics
        var tokenizer = WordTokenizer()
        tokenizer.lexicon = topics.lexicon
        self.tokenizer = tokenizer
        self.vectors = vectors
        self.configuration = configuration
        self.itemRows = itemRows
        self.rankedItems = rankedItems
        self.rankOf = rankOf
    }

    /// This builder with the vectors of `added` stored: an item it has a row for gets its row replaced, a new
    /// one a row after the others; `topics` are this builder's with the new items given their topics
    /// (`TopicModel.assign`). Its profiles equal those of a builder made from scratch over `topics` and the
    /// union of the vectors (rows in another order do not change a profile, which reads items in id order).
    ///
    /// Reads nothing from a store and re-hashes or sorts only the added items; it does copy the vectors (this
    /// builder keeps its own) and, when items are new, passes once over the catalog to shift their ranks.
    public func adding(_ added: EmbeddingSet, topics: TopicModel) -> ProfileBuilder {
        let columns = vectors.rows == 0 ? added.vectors.columns : vectors.columns
        precondition(
            added.vectors.columns == columns, "added vectors are \(added.vectors.columns) wide, not \(columns)")
        // One copy, sized for the new rows (appending to the shared array would copy it with room to double).
        let newRows = Set(added.itemIDs.filter { itemRows[$0] == nil }).count
        var values = [Float]()
        values.reserveCapacity(vectors.values.count + newRows * columns)
        values.append(contentsOf: vectors.values)
        var rows = itemRows
        for (index, id) in added.itemIDs.enumerated() {
            let vector = added.vectors.row(index)
            if let row = rows[id] {
                values.replaceSubrange(row * columns ..< (row + 1) * columns, with: vector)
            } else {
                rows[id] = values.count / columns
                values.append(contentsOf: vector)
            }
        }
        let ids = Set(added.itemIDs)
        let newcomers = ids.filter { rankOf[$0] == nil && topics.itemTopics[$0] != nil }.sorted()
        // Merge the newcomers into the ranked items; `inserted[k]` is the old rank the k-th one goes before.
        var ranked = [RankedItem]()
        ranked.reserveCapacity(rankedItems.count + newcomers.count)
        var inserted = [Int32]()
        inserted.reserveCapacity(newcomers.count)
        var old = 0
        for id in newcomers {
            while old < rankedItems.count, rankedItems[old].id < id {
                ranked.append(rankedItems[old])
                old += 1
            }
            inserted.append(Int32(old))
            let fine = topics.itemTopics[id]!
            ranked.append(RankedItem(id: id, row: rows[id]!, fine: fine, coarse: topics.parent(of: fine)))
        }
        ranked.append(contentsOf: rankedItems[old...])
        // An old rank moves up by the number of newcomers placed before it.
        var ranks =
            inserted.isEmpty
            ? rankOf
            : rankOf.mapValues { rank in
                var (low, high) = (0, inserted.count)
                while low < high {
                    let mid = (low + high) / 2
                    if inserted[mid] <= rank { low = mid + 1 } else { high = mid }
                }
                return rank + Int32(low)
            }
        for (k, id) in newcomers.enumerated() { ranks[id] = inserted[k] + Int32(k) }
        for id in ids where rankOf[id] != nil {
            guard let fine = topics.itemTopics[id] else { continue }
            let rank = Int(ranks[id]!)
            ranked[rank].fine = fine
            ranked[rank].coarse = topics.parent(of: fine)
        }
        return ProfileBuilder(
            topics: topics, vectors: Matrix(rows: values.count / max(columns, 1), columns: columns, values: values),
            configuration: configuration, itemRows: rows, rankedItems: ranked, rankOf: ranks)
    }

    /// The item vectors this builder reads, with their ids in byte order, the order the stores list them
    /// in: a recommender fitted on them is the one a fresh start fits (and finds the same kept fits). The
    /// same storage, not a copy, when the rows are in that order already (a builder over the store's
    /// vectors); a copy in that order once items were added (`adding` appends their rows). Rows no id
    /// names (a repeated id keeps its last row) are left out.
    public var embeddings: EmbeddingSet {
        var ids = [String?](repeating: nil, count: vectors.rows)
        for (id, row) in itemRows { ids[row] = id }
        let precedes = { (a: String, b: String) in a.utf8.lexicographicallyPrecedes(b.utf8) }
        if !ids.contains(nil), zip(ids, ids.dropFirst()).allSatisfy({ precedes($0!, $1!) }) {
            return EmbeddingSet(itemIDs: ids.map { $0! }, vectors: vectors)
        }
        let order = ids.indices.filter { ids[$0] != nil }.sorted { precedes(ids[$0]!, ids[$1]!) }
        return EmbeddingSet(itemIDs: order.map { ids[$0]! }, vectors: vectors.rows(at: order))
    }

    /// The profile of `user` from `events` (any order); decay is measured from `referenceTime`, by
    /// default the user's last event.
    public func profile(user: String, events: [Event], referenceTime: Int64? = nil) -> UserProfile {
        var history = ProfileHistory()
        history.add(events, builder: self)
        return profile(user: user, history: history, referenceTime: referenceTime)
    }

    /// The profile of `user` from their `history` (made by this builder), as `profile(user:events:referenceTime:)`
    /// gives it from the same events.
    public func profile(user: String, history: ProfileHistory, referenceTime: Int64? = nil) -> UserProfile {
        let entries = history.entries
        let reference = referenceTime ?? history.lastTimestamp ?? 0
        return UserProfile(
            user: user,
            surface: surfaceLayer(entries.suffix(configuration.surfaceSize)),
            middle: middleLayer(entries, reference: reference),
            deep: deepLayer(entries),
            referenceTime: reference,
            eventCount: entries.count)
    }

    /// `event` as a history holds it; `nil` when its item has no vector or no topic.
    func entry(_ event: Event) -> ProfileHistory.Entry? {
        guard let rank = rankOf[event.itemID] else { return nil }
        return ProfileHistory.Entry(
            timestamp: event.timestamp, item: rank, type: event.type, value: event.value,
            text: event.text, phrase: phrase(of: event))
    }

    private func weight(_ entry: ProfileHistory.Entry) -> Double {
        configuration.weight(type: entry.type, value: entry.value)
    }

    func surfaceLayer(_ recent: ArraySlice<ProfileHistory.Entry>) -> InterestLayer {
        var tally = Tally()
        var vectorWeights = [(Int32, Double)]()
        vectorWeights.reserveCapacity(recent.count)
        for (index, entry) in recent.enumerated() {
            let age = recent.count - 1 - index  // 0 for the latest
            let w =
                configuration.surfaceDecay == 1
                ? weight(entry) : weight(entry) * pow(configuration.surfaceDecay, Double(age))
            tally.add(key: .topic(rankedItems[Int(entry.item)].fine), weight: w, item: entry.item)
            if let phrase = entry.phrase { tally.add(key: .phrase(phrase), weight: w, item: entry.item) }
            vectorWeights.append((entry.item, w))
        }
        return layer(tally, vectorWeights: vectorWeights)
    }

    func middleLayer(_ history: [ProfileHistory.Entry], reference: Int64) -> InterestLayer {
        let halfLife = configuration.halfLifeDays * 86_400
        var tally = Tally()
        var vectorWeights = [(Int32, Double)]()
        vectorWeights.reserveCapacity(history.count)
        for entry in history {
            let decay = pow(0.5, Double(max(0, reference - entry.timestamp)) / halfLife)
            let w = weight(entry) * decay
            tally.add(key: .topic(rankedItems[Int(entry.item)].fine), weight: w, item: entry.item)
            vectorWeights.append((entry.item, w))
        }
        return layer(tally, vectorWeights: vectorWeights)
    }

    func deepLayer(_ history: [ProfileHistory.Entry]) -> InterestLayer {
        let n = history.count
        let windows = min(configuration.windowCount, n)
        guard windows > 0 else {
            return InterestLayer(interests: [], vector: [Float](repeating: 0, count: vectors.columns))
        }
        var shareSums = [Int: Double]()
        var presence = [Int: Int]()
        var evidence = [Int: [Int32: Double]]()
        for w in 0 ..< windows {
            var weights = [Int: Double]()
            for entry in history[w * n / windows ..< (w + 1) * n / windows] {
                let weight = weight(entry)
                guard weight > 0 else { continue }
                let coarse = rankedItems[Int(entry.item)].coarse
                weights[coarse, default: 0] += weight
                evidence[coarse, default: [:]][entry.item, default: 0] += weight
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
                addRow(of: item, times: Float(weight), to: &own)
            }
            let direction = VectorMath.normalized(own)
            for c in vector.indices { vector[c] += Float(score) * direction[c] }
        }
        return InterestLayer(interests: interests(tally), vector: VectorMath.normalized(vector))
    }

    /// `sum += weight · vector of item` (one rounding per product and per sum, like the plain loop).
    private func addRow(of item: Int32, times weight: Float, to sum: inout [Float]) {
        let start = rankedItems[Int(item)].row * vectors.columns
        vectors.values.withUnsafeBufferPointer { values in
            sum.withUnsafeMutableBufferPointer { sum in
                let row = UnsafeBufferPointer(rebasing: values[start ..< start + sum.count])
                for c in sum.indices { sum[c] += weight * row[c] }
            }
        }
    }

    /// What the user typed with the event, as a short phrase: a search or tag as written, a review's
    /// first keywords (Chinese ones the catalog's learned words, when the topics learned any).
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
    private func layer(_ tally: Tally, vectorWeights: [(Int32, Double)]) -> InterestLayer {
        var net = [Int32: Double](minimumCapacity: vectorWeights.count)
        for (item, weight) in vectorWeights { net[item, default: 0] += weight }
        var vector = [Float](repeating: 0, count: vectors.columns)
        for (item, weight) in net.sorted(by: { $0.key < $1.key }) where weight > 0 {
            addRow(of: item, times: Float(weight), to: &vector)
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
                .prefix(configuration.evidencePerInterest).map { rankedItems[Int($0.key)].id }
            switch key {
            case .topic(let id):
                return Interest(label: topics.topic(id).label, weight: score / total, evidence: evidence, topic: id)
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
    enum Key: Hashable {
        case topic(Int)
        case phrase(String)
    }
    var scores = [Key: Double]()
    /// By item rank.
    var evidence = [Key: [Int32: Double]]()

    mutating func add(key: Key, weight: Double, item: Int32) {
        scores[key, default: 0] += weight
        evidence[key, default: [:]][item, default: 0] += weight
    }
}

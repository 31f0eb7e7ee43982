import Foundation
import StrataCluster
import StrataMath
import StrataText

/// Fits a `TopicModel` the way BERTopic does: cluster item vectors into fine topics, name each with
/// c-TF-IDF keywords of its items' texts (re-ranked by their similarity to the topic's centroid when
/// the terms can be embedded, see `KeywordSelector`) and its items' dominant categories, then merge
/// the fine topics agglomeratively (Ward, on centroids and root categories) into coarse topics — or, when
/// the items have neither text nor a category tree and users' histories are given, by what users meet
/// together (`CoOccurrenceGrouping`).
public struct TopicModeler: Sendable {
    /// The number of fine topics; `nil` picks it by silhouette among a few candidates around √n.
    public var fineTopicCount: Int?
    /// The number of coarse topics; `nil` picks it by the silhouette of the cut over the fine centroids.
    public var coarseTopicCount: Int?
    /// Keywords kept per topic.
    public var keywordCount = 10
    /// How keywords are chosen among the c-TF-IDF candidates when terms can be embedded.
    public var keywordSelector = KeywordSelector()
    /// Representative items kept per topic.
    public var representativeCount = 3
    public var seed: UInt64 = 42
    /// Splits item texts into keyword terms; `fit` first teaches it the catalog's Chinese words
    /// (`WordTokenizer.learningChineseWords(from:)`), so Chinese keywords are words, not bigrams.
    public var tokenizer = WordTokenizer()
    /// Catalogs larger than this are clustered on a seeded sample of this many items, and every item
    /// then joins its nearest fine topic, so fitting stays bounded however large the catalog
    /// (k-means costs sample × k × d per iteration; the assignment n × k × d once).
    public var fitSampleSize = 20_000
    /// How coarse topics are built when no item has a title or description, no fine topic has a dominant root
    /// category, and `fit` is given histories.
    public var coOccurrence = CoOccurrenceGrouping()

    public init(fineTopicCount: Int? = nil, coarseTopicCount: Int? = nil) {
        self.fineTopicCount = fineTopicCount
        self.coarseTopicCount = coarseTopicCount
    }

    /// Fits topics over `items`, whose unit vectors are the rows of `vectors` in the same order.
    /// `embedTerms` (the encoder of `vectors`, one unit row per term) lets the keywords be chosen by
    /// their meaning; without it they are the best c-TF-IDF terms.
    ///
    /// - Parameters:
    ///   - items: The catalog items, at least 3 (else `TopicError.tooFewItems`, also thrown when their count differs
    ///     from `vectors.rows`); their titles and descriptions give the keywords, their categories the labels.
    ///   - vectors: One unit row per item, in `items` order. Past `fitSampleSize` rows, k-means runs on a seeded
    ///     sample and every item then joins its nearest fine topic.
    ///   - modelID: The id of the encoder that made `vectors`, recorded as the model's `modelID`.
    ///   - embedTerms: Called once with every distinct keyword candidate (sorted); must return one row per term in
    ///     that order. `nil` keeps the best c-TF-IDF terms. Its errors are rethrown.
    ///   - histories: Users' item ids in time order, read once when no item has a title or description and no fine
    ///     topic has a dominant root category: the fine topics they meet together make the coarse topics
    ///     (`coOccurrence`). `nil`, a catalog with text or a category tree, or histories that never meet two fine
    ///     topics keep the coarse topics of the centroids and roots. Its errors are rethrown.
    /// - Returns: Fine topics with ids `0 ..< fine.count`, coarse ones after them, and every item's fine topic.
    /// - Throws: `TopicError.tooFewItems`, `ClusterError` from the clustering (e.g. a `fineTopicCount` below 1), or
    ///   what `embedTerms` throws.
    public func fit(
        items: [Item], vectors: Matrix, modelID: String,
        embedTerms: (([String]) throws -> Matrix)? = nil, histories: UserHistories? = nil
    ) throws -> TopicModel {
        guard items.count == vectors.rows, items.count >= 3 else {
            throw TopicError.tooFewItems(items.count)
        }
        let sample = vectors.sampledRows(fitSampleSize, seed: seed)
        let k = try fineTopicCount.map { min($0, sample.rows - 1) } ?? chooseFineTopicCount(sample)
        let clustering = try KMeans(k: k, nInit: 10, metric: .cosine, seed: seed).fit(sample)
        let labels = sample.rows == vectors.rows ? clustering.labels : clustering.assign(vectors)
        // Keep non-empty clusters only, renumbered in order.
        var members = [[Int]](repeating: [], count: k)
        for (item, label) in labels.enumerated() { members[label].append(item) }
        members.removeAll { $0.isEmpty }

        let texts = items.map { $0.title + " " + $0.description }
        // Learned on at most `fitSampleSize` texts, evenly spread, so the lexicon's counts stay bounded.
        let step = max(1, (texts.count + fitSampleSize - 1) / fitSampleSize)
        let tokenizer = self.tokenizer.learningChineseWords(
            from: Swift.stride(from: 0, to: texts.count, by: step).map { texts[$0] })
        let terms = texts.map { tokenizer.terms($0) }
        let centroids = members.map { centroid(of: $0, in: vectors) }
        let roots = members.map { group in dominantRoot(group.map { items[$0] }) }
        let coarseGroups =
            try coOccurrenceGroups(
                of: members, items: items, histories: roots.allSatisfy { $0 == nil } ? histories : nil)
            ?? coarseGroups(of: coarseFeatures(centroids: centroids, roots: roots))
        let fineCount = members.count

        let coarseMembers = (0 ..< coarseGroups.count).map { c in
            members.indices.filter { coarseGroups.labels[$0] == c }.flatMap { members[$0] }
        }
        let coarseCentroids = coarseMembers.map { centroid(of: $0, in: vectors) }
        let topicKeywords = try keywords(
            fine: ClassTFIDF(classes: members.map { $0.flatMap { terms[$0] } }),
            coarse: ClassTFIDF(classes: coarseMembers.map { $0.flatMap { terms[$0] } }),
            centroids: centroids + coarseCentroids, embedTerms: embedTerms)
        let fine = members.enumerated().map { index, group in
            let keywords = topicKeywords[index]
            return Topic(
                id: index, level: .fine,
                label: label(of: group.map { items[$0] }, keywords: keywords, level: .leaf),
                keywords: keywords.map(\.term), size: group.count, parent: fineCount + coarseGroups.labels[index],
                representativeItems: representatives(of: group, centroid: centroids[index], vectors: vectors).map {
                    items[$0].id
                },
                centroid: centroids[index])
        }

        let coarse = coarseMembers.enumerated().map { c, group in
            let centroid = coarseCentroids[c]
            let keywords = topicKeywords[fineCount + c]
            return Topic(
                id: fineCount + c, level: .coarse,
                label: label(of: group.map { items[$0] }, keywords: keywords, level: .root),
                keywords: keywords.map(\.term), size: group.count, parent: nil,
                representativeItems: representatives(of: group, centroid: centroid, vectors: vectors).map {
                    items[$0].id
                },
                centroid: centroid)
        }
        var itemTopics = [String: Int](minimumCapacity: items.count)
        for (index, group) in members.enumerated() { for i in group { itemTopics[items[i].id] = index } }
        return TopicModel(
            modelID: modelID, fine: fine, coarse: coarse, itemTopics: itemTopics, lexicon: tokenizer.lexicon)
    }

    /// The keywords of every fine topic, then every coarse one (`centroids` in the same order): the best
    /// c-TF-IDF terms of `fine` and `coarse`, or, with `embedTerms`, those chosen among more of them by
    /// `keywordSelector` (every distinct candidate embedded once).
    func keywords(
        fine: ClassTFIDF, coarse: ClassTFIDF, centroids: [[Float]],
        embedTerms: (([String]) throws -> Matrix)?
    ) throws -> [[(term: String, score: Double)]] {
        let classes = (0 ..< centroids.count).map { $0 < fine.classCount ? (fine, $0) : (coarse, $0 - fine.classCount) }
        guard let embedTerms else { return classes.map { tfidf, c in tfidf.keywords(ofClass: c, count: keywordCount) } }
        let candidates = classes.map { tfidf, c in
            tfidf.keywords(ofClass: c, count: keywordSelector.candidateCount).map(\.term)
        }
        let distinct = Array(Set(candidates.joined())).sorted()
        let embedded = try embedTerms(distinct)
        let vectors = Dictionary(
            uniqueKeysWithValues: distinct.enumerated().map { ($1, VectorMath.normalized(embedded.row($0))) })
        return zip(candidates, centroids).map {
            keywordSelector.select($0, vectors: vectors, centroid: $1, count: keywordCount)
        }
    }

    /// The candidate k with the best sampled cosine silhouette among √n · {½, ¾, 1, 1½, 2}.
    func chooseFineTopicCount(_ vectors: Matrix) throws -> Int {
        let n = vectors.rows
        let root = Double(n).squareRoot()
        let candidates = Set([0.5, 0.75, 1, 1.5, 2].map { min(n - 1, max(2, Int((root * $0).rounded()))) }).sorted()
        var best = candidates[0]
        var bestScore = -Double.infinity
        for k in candidates {
            let fit = try KMeans(k: k, metric: .cosine, seed: seed).fit(vectors)
            let score = try ClusterMetrics.sampledSilhouette(
                vectors, labels: fit.labels, sampleSize: 2000, metric: .cosine, seed: seed)
            if score > bestScore { (best, bestScore) = (k, score) }
        }
        return best
    }

    /// How far apart fine topics under different root categories are put before merging.
    static let rootSeparation: Float = 1.5

    /// What coarse topics merge on: each fine topic's unit centroid and, when the catalog has category
    /// paths, a one-hot of its dominant root category scaled by `rootSeparation`, so that the explicit
    /// hierarchy decides first and the text's meaning within it.
    func coarseFeatures(centroids: [[Float]], roots: [String?]) -> Matrix {
        let rootNames = Array(Set(roots.compactMap { $0 })).sorted()
        let rows = zip(centroids, roots).map { centroid, root in
            centroid + rootNames.map { $0 == root ? Self.rootSeparation : 0 }
        }
        return Matrix(rowVectors: rows)
    }

    /// Groups fine topics into coarse topics by Ward clustering of their features (Euclidean distance
    /// between unit vectors orders pairs as cosine does; Ward keeps groups balanced where average
    /// linkage lets one group swallow the rest).
    func coarseGroups(of features: Matrix) throws -> (labels: [Int], count: Int) {
        guard features.rows > 2 else { return ([Int](repeating: 0, count: features.rows), 1) }
        let dendrogram = try AgglomerativeClustering(linkage: .ward, metric: .euclidean).fit(features)
        return try bestCut(of: features) { try dendrogram.labels(clusterCount: $0) }
    }

    /// Whether a fit of `items` given histories may group its coarse topics by them: none of the items has a
    /// title or description (a category tree, when the catalog has one, still takes precedence).
    public func readsHistories(of items: [Item]) -> Bool {
        items.allSatisfy { $0.title.isEmpty && $0.description.isEmpty }
    }

    /// The coarse groups of the fine topics (`members`: each one's item indices) by `coOccurrence` when no
    /// item has text, the fine topics are few enough for `CappedWard` and `histories` meet two of them
    /// together; `nil` otherwise.
    func coOccurrenceGroups(
        of members: [[Int]], items: [Item], histories: UserHistories?
    ) throws -> (labels: [Int], count: Int)? {
        let ward = CappedWard()
        guard let histories, members.count <= ward.maximumPoints, readsHistories(of: items) else { return nil }
        var topicOf = [String: Int](minimumCapacity: items.count)
        for (topic, group) in members.enumerated() { for i in group { topicOf[items[i].id] = topic } }
        let counts = try coOccurrence.counts(histories, topicOf: topicOf, topicCount: members.count)
        guard let features = try coOccurrence.features(counts: counts, n: members.count) else { return nil }
        let merges = try ward.merges(
            features, weights: members.map { Double($0.count) },
            cap: coOccurrence.largestShare * Double(items.count))
        return try bestCut(of: features) { merges.labels(clusterCount: $0) }
    }

    /// The cut `labels(k)` into `coarseTopicCount` groups, or without a set count the one with the best
    /// silhouette over `features` among √n / 1.5 … 2√n groups.
    func bestCut(of features: Matrix, labels: (Int) throws -> [Int]) throws -> (labels: [Int], count: Int) {
        let n = features.rows
        if let coarseTopicCount {
            let cut = try labels(max(1, min(coarseTopicCount, n)))
            return (cut, Set(cut).count)
        }
        let root = Double(n).squareRoot()
        let low = max(2, Int((root / 1.5).rounded()))
        let high = max(low, min(n - 1, Int((2 * root).rounded())))
        var best = [Int](repeating: 0, count: n)
        var bestScore = -Double.infinity
        for k in low ... high {
            let cut = try labels(k)
            guard Set(cut).count > 1 else { continue }
            let score = try ClusterMetrics.silhouette(features, labels: cut, metric: .euclidean)
            if score > bestScore { (best, bestScore) = (cut, score) }
        }
        return (best, Set(best).count)
    }

    /// The root category of most of `items` when the catalog's categories are paths (`A>B`) and one
    /// root covers at least half of them; `nil` otherwise.
    func dominantRoot(_ items: [Item]) -> String? {
        var counts = [String: Int]()
        for item in items {
            for root in Set(item.categoryLevels.filter { $0.count > 1 }.compactMap(\.first)) {
                counts[root, default: 0] += 1
            }
        }
        guard let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), 2 * top.value >= items.count else {
            return nil
        }
        return top.key
    }

    private func centroid(of members: [Int], in vectors: Matrix) -> [Float] {
        var sum = [Float](repeating: 0, count: vectors.columns)
        for i in members { for c in 0 ..< vectors.columns { sum[c] += vectors[i, c] } }
        return VectorMath.normalized(sum)
    }

    private func representatives(of members: [Int], centroid: [Float], vectors: Matrix) -> [Int] {
        let scores = members.map { VectorMath.dot(vectors.row($0), centroid) }
        return TopK.largest(scores, k: representativeCount).map { members[$0.index] }
    }

    enum CategoryLevel { case leaf, root }

    /// Categories held by at least half of the items (at most two), else the most common one when a
    /// quarter of the items have it.
    func dominantCategories(_ items: [Item], level: CategoryLevel) -> [String] {
        let ranked = rankedCategories(items, level: level)
        let majority = ranked.prefix(2).filter { 2 * $0.value >= items.count }.map(\.key)
        if !majority.isEmpty { return majority }
        if let top = ranked.first, 4 * top.value >= items.count { return [top.key] }
        return []
    }

    /// Every category name at `level` with how many of `items` have it, most common first (ties by name).
    func rankedCategories(_ items: [Item], level: CategoryLevel) -> [(key: String, value: Int)] {
        var counts = [String: Int]()
        for item in items {
            let names = Set(item.categoryLevels.compactMap { level == .leaf ? $0.last : $0.first })
            for name in names { counts[name, default: 0] += 1 }
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    }

    /// The label of a topic over `items`: its dominant categories and keywords, or, when those say
    /// nothing (items known only by id and many categories), its two most common categories.
    func label(of items: [Item], keywords: [(term: String, score: Double)], level: CategoryLevel) -> String {
        let text = label(keywords: keywords, categories: dominantCategories(items, level: level))
        guard text.isEmpty else { return text }
        return rankedCategories(items, level: level).prefix(2).map(\.key).joined(separator: " & ")
    }

    /// "Categories: keyword, keyword, keyword": up to three keywords scoring at least half the best one
    /// (words common to every topic score low), skipping words the category names already say.
    func label(keywords: [(term: String, score: Double)], categories: [String]) -> String {
        let categoryWords = Set(categories.flatMap { tokenizer.terms($0) })
        let best = keywords.first?.score ?? 0
        let words = keywords.filter { $0.score >= best / 2 && !categoryWords.contains($0.term) }.prefix(3).map(\.term)
        if categories.isEmpty { return words.joined(separator: ", ") }
        return categories.joined(separator: " & ") + (words.isEmpty ? "" : ": " + words.joined(separator: ", "))
    }
}

/// Why topics could not be fitted.
public enum TopicError: Error, CustomStringConvertible, Equatable {
    case tooFewItems(Int)

    public var description: String {
        switch self {
        case .tooFewItems(let n): "topic modelling needs at least 3 items with vectors, the catalog has \(n)"
        }
    }
}

import StrataCluster
import StrataMath

/// Groups users into interest segments by clustering one layer's vectors.
///
/// Users whose layer is empty are left unsegmented. Without a given k, the number of segments is chosen
/// within a range (5–40 by default) by the rule of `SegmentCountChoice`, which the model keeps; every fit
/// measures its segments' stability under refits on half the users, and names each segment from the
/// interests that set it apart (`DistinctiveInterest`). Each segment's centroid is the normalised mean of
/// its members' vectors, whatever the algorithm; segment ids run from the largest segment down (ties
/// by the earliest member), so the same profiles always give the same ids and labels. Codable, so a
/// store can record the settings its segments were fitted with.
public struct Segmenter: Codable, Equatable, Sendable {
    /// The clustering algorithms a segmentation can use: those of `ClusterMethod` that give every user a
    /// segment (DBSCAN, which leaves noise with a radius to choose, is not one).
    public enum Algorithm: String, Codable, CaseIterable, Sendable {
        /// Spherical k-means (cosine), k-means++ seeding, best of `nInit` starts.
        case kmeans
        /// Mini-batch k-means, for many users.
        case minibatch
        /// A diagonal Gaussian mixture; its posteriors are the soft memberships.
        case gmm
        /// Ward agglomerative clustering cut at k clusters.
        case agglomerative
        /// HDBSCAN (finds k itself); users it calls noise join their nearest segment.
        case hdbscan

        /// The clustering method of the same name.
        var method: ClusterMethod.Algorithm { ClusterMethod.Algorithm(rawValue: rawValue)! }
    }

    /// The layer to cluster.
    public var layer: LayerKind
    public var algorithm: Algorithm
    /// The number of segments; `nil` chooses it within `kRange` (see `SegmentCountChoice`), or by the lowest BIC
    /// for `gmm`.
    public var k: Int?
    /// The candidate segment counts when `k` is `nil`; `nil` is `defaultKRange`, narrowed on a store of few users.
    public var kRange: ClosedRange<Int>?
    /// k-means starts (the best inertia wins).
    public var nInit: Int
    /// HDBSCAN's smallest segment.
    public var minimumSegmentSize: Int
    public var seed: UInt64
    /// Softmax temperature of distance-based soft memberships over cosine similarity.
    public var temperature: Double
    /// How many soft memberships each user keeps, and the smallest weight kept.
    public var membershipsKept: Int
    public var minimumMembership: Double
    /// How many keywords, topics, representative users and items each segment shows.
    public var keywordCount: Int
    public var representativeCount: Int

    /// The segment counts tried when neither `k` nor `kRange` is given: the numbers of segments analysts and
    /// marketers work with — a handful at least, never so many that nobody can tell them apart.
    public static let defaultKRange = 5 ... 40

    /// Segmentation settings; `fit` checks them against the users it is given.
    ///
    /// - Parameters:
    ///   - layer: The profile layer whose vectors are clustered; users with an all-zero vector there are left
    ///     out, and fewer than 3 left make `fit` throw `SegmentError.tooFewUsers`.
    ///   - algorithm: The clustering method (see `Algorithm`).
    ///   - k: The number of segments, 2 ≤ k < the segmented users, else `fit` throws `SegmentError.invalidK` (even
    ///     for `.hdbscan`, which otherwise ignores it); `nil` chooses it over `kRange` on at most 5,000 sampled
    ///     users by the rule of `SegmentCountChoice` (k-means fits, whatever the algorithm), or by the lowest BIC
    ///     for `.gmm`.
    ///   - kRange: The candidate segment counts when `k` is `nil`, lower bound ≥ 2 (else `fit` throws
    ///     `ClusterError.invalidParameter`). Its upper bound is lowered to users − 1; a lower bound that is not
    ///     below the number of users cannot be met, and `fit` throws `SegmentError.kRangeUnmet`. `nil` is
    ///     `defaultKRange`, which a store of few users narrows instead (to users − 1 at most).
    ///   - nInit: k-means starts for `.kmeans` and for every candidate when choosing k (≥ 1, else `fit` throws); the
    ///     other algorithms ignore it.
    ///   - minimumSegmentSize: HDBSCAN's smallest segment (≥ 2), `.hdbscan` only; when every user is noise `fit`
    ///     throws `SegmentError.noDenseSegments`.
    ///   - seed: Seeds the clustering's random draws, the k-selection sample, the stability resamples and the
    ///     cohesion sample.
    ///   - temperature: The softmax temperature over cosine similarities to the centroids that gives soft
    ///     memberships (all algorithms but `.gmm`, which uses its posteriors; also the model's streaming updates).
    ///     Must be > 0 (0 gives NaN weights); at 0.05 a 0.1 lead in similarity weighs e² ≈ 7.4 times more.
    ///   - membershipsKept: The most soft memberships a user keeps, strongest first; 0 keeps just the strongest,
    ///     negative traps.
    ///   - minimumMembership: Memberships weighing less (weights are 0 … 1, summing to 1 before the cut) are dropped;
    ///     when none is left, the strongest is kept anyway.
    ///   - keywordCount: c-TF-IDF keywords listed per segment.
    ///   - representativeCount: Users (nearest the centroid) and items (most frequent evidence for the segment's top
    ///     topics) listed per segment.
    public init(
        layer: LayerKind = .deep, algorithm: Algorithm = .kmeans, k: Int? = nil, kRange: ClosedRange<Int>? = nil,
        nInit: Int = 4, minimumSegmentSize: Int = 10, seed: UInt64 = 0, temperature: Double = 0.05,
        membershipsKept: Int = 3, minimumMembership: Double = 0.05, keywordCount: Int = 8, representativeCount: Int = 5
    ) {
        self.layer = layer
        self.algorithm = algorithm
        self.k = k
        self.kRange = kRange
        self.nInit = nInit
        self.minimumSegmentSize = minimumSegmentSize
        self.seed = seed
        self.temperature = temperature
        self.membershipsKept = membershipsKept
        self.minimumMembership = minimumMembership
        self.keywordCount = keywordCount
        self.representativeCount = representativeCount
    }

    /// The segments of `profiles` in `layer`, labelled from `topics`.
    public func fit(profiles: [UserProfile], topics: TopicModel) throws -> SegmentModel {
        let members = profiles.filter { $0.layer(layer).vector.contains { $0 != 0 } }
        guard members.count >= 3 else { throw SegmentError.tooFewUsers(members.count, layer: layer) }
        if let k, k < 2 || k >= members.count {
            throw SegmentError.invalidK(k, users: members.count)
        }
        let data = Matrix(rowVectors: members.map { $0.layer(layer).vector })
        let held = members.map { SegmentInterests.held($0, layer: layer) }
        let (labels, posteriors, choice) = try cluster(data, held: held)
        let groups = Self.groups(labels)
        var rename = [Int](repeating: -1, count: (labels.max() ?? -1) + 1)
        for (id, group) in groups.enumerated() { rename[group.label] = id }
        let hard = labels.map { rename[$0] }
        let cohesion = try self.cohesion(data, labels: hard, segments: groups.count)
        let stability = try self.stability(data, labels: hard, segments: groups.count)
        let centroids = groups.map { group in VectorMath.normalized(meanRow(data, rows: group.rows)) }
        let ids = Array(groups.indices)

        var memberships = [String: SegmentMembership](minimumCapacity: members.count)
        for (r, profile) in members.enumerated() {
            let scores: [Double]
            if let posteriors {
                scores = groups.map { Double(posteriors[r, $0.label]) }
            } else {
                scores = SegmentModel.softmax(
                    centroids.map { Double(VectorMath.dot($0, data.row(r))) }, temperature: temperature)
            }
            var membership = SegmentModel.membership(
                user: profile.user, ids: ids, scores: scores,
                kept: membershipsKept, minimum: minimumMembership)
            membership.segment = hard[r]
            memberships[profile.user] = membership
        }
        let labeler = SegmentLabeler(
            topics: topics, layer: layer, keywordCount: keywordCount, representativeCount: representativeCount)
        var segments = labeler.segments(
            groups: groups.map { group in group.rows.map { members[$0] } },
            centroids: centroids,
            cohesion: cohesion)
        for s in segments.indices { segments[s].stability = stability?.perGroup[s] }
        return SegmentModel(
            layer: layer, algorithm: algorithm.rawValue, segments: segments, memberships: memberships,
            nextID: segments.count, temperature: temperature, centroidWeights: segments.map { Double($0.size) },
            countChoice: choice, stability: stability?.ari)
    }

    /// Each segment's mean silhouette (cosine) over its members, or over the members in a seeded sample
    /// of `sampleSize` users when there are more (the exact score is quadratic in the users).
    private func cohesion(_ data: Matrix, labels: [Int], segments: Int) throws -> [Double] {
        guard segments > 1 else { return [Double](repeating: 0, count: segments) }
        var rows = Array(0 ..< data.rows)
        if data.rows > Self.sampleSize {
            var random = SeededRandom(seed: seed)
            rows = random.sample(Self.sampleSize, of: data.rows).sorted()
        }
        let sampled = rows.map { labels[$0] }
        guard Set(sampled).count > 1 else { return [Double](repeating: 0, count: segments) }
        let scores = try ClusterMetrics.silhouetteSamples(data.rows(at: rows), labels: sampled, metric: .cosine)
        var sums = [Double](repeating: 0, count: segments)
        var counts = [Double](repeating: 0, count: segments)
        for (label, score) in zip(sampled, scores) {
            (sums[label], counts[label]) = (sums[label] + score, counts[label] + 1)
        }
        return zip(sums, counts).map { $1 > 0 ? $0 / $1 : 0 }
    }

    /// How many refits on random halves measure a fit's stability.
    static let stabilityResamples = 4

    /// The stability of the segments `labels` (ids `0 ..< segments`) under refits of the same algorithm and
    /// number of segments on random halves of the users (of at most `selectionSampleSize` sampled users);
    /// `nil` for HDBSCAN, which chooses its own number, or too few users.
    private func stability(_ data: Matrix, labels: [Int], segments: Int) throws -> (ari: Double, perGroup: [Double])? {
        guard algorithm != .hdbscan else { return nil }
        var (rows, sampled) = (data, labels)
        if data.rows > Self.selectionSampleSize {
            var random = SeededRandom(seed: seed)
            let chosen = random.sample(Self.selectionSampleSize, of: data.rows).sorted()
            (rows, sampled) = (data.rows(at: chosen), chosen.map { labels[$0] })
        }
        return try SegmentInterests.stability(
            rows, labels: sampled, groups: segments, resamples: Self.stabilityResamples, seed: seed
        ) { part, seed in
            var settings = self
            settings.seed = seed
            return try settings.clusterer(k: segments, starts: nInit).cluster(part).labels
        }
    }

    /// Past this many users, the segments' cohesion is estimated on a sample of this size (it is quadratic in
    /// the users).
    static let sampleSize = 10_000
    /// Past this many users, k is chosen and stability measured on a sample of this size (every candidate k is
    /// fitted, and every resample refitted).
    static let selectionSampleSize = 5_000

    /// The hard label of every row (noise joined to the nearest cluster), for mixtures the posteriors, and how
    /// the number of segments was chosen when it was.
    private func cluster(_ data: Matrix, held: [Set<Int>]) throws -> (
        labels: [Int], posteriors: Matrix?, choice: SegmentCountChoice?
    ) {
        switch algorithm {
        case .hdbscan:
            let clustering = try HDBSCAN(minClusterSize: minimumSegmentSize, metric: .cosine).cluster(data)
            guard clustering.labels.contains(where: { $0 >= 0 }) else {
                throw SegmentError.noDenseSegments(layer: layer)
            }
            return (Self.joiningNoise(clustering.labels, data: data), nil, nil)
        case .gmm:
            let components =
                try k
                ?? KSelection.byBIC(
                    data.sampledRows(Self.sampleSize, seed: seed), ks: candidateRange(users: data.rows), seed: seed
                ).best
            let clustering = try clusterer(k: components, starts: nInit).cluster(data)
            return (clustering.labels, clustering.posteriors, nil)
        case .kmeans, .minibatch, .agglomerative:
            if let k { return (try clusterer(k: k, starts: nInit).cluster(data).labels, nil, nil) }
            let choice = try chooseCount(data, held: held)
            let labels = try clusterer(k: choice.k, starts: nInit).cluster(data).labels
            let criterion = SegmentCountCriterion(range: choice.lower ... choice.upper, seed: seed)
            let kept = SegmentCountCriterion.dissolving(
                labels, data: data, minimumSize: criterion.minimumSize(users: data.rows), keeping: choice.lower)
            return (SegmentCountCriterion.contiguous(kept), nil, choice)
        }
    }

    /// The clustering method these settings name, with `k` clusters (HDBSCAN finds its own).
    func clusterer(k: Int, starts: Int) -> any Clusterer {
        var method = ClusterMethod(algorithm.method, k: k)
        method.nInit = starts
        method.seed = seed
        method.minClusterSize = minimumSegmentSize
        // Ward's linkage is Euclidean only; the others compare users by the angle between their layers.
        method.metric = algorithm == .agglomerative ? .euclidean : .cosine
        return method.clusterer()
    }

    /// The number of segments for `data` by the rule of `SegmentCountChoice`, on at most
    /// `selectionSampleSize` sampled users.
    func chooseCount(_ data: Matrix, held: [Set<Int>]) throws -> SegmentCountChoice {
        let range = try candidateRange(users: data.rows)
        var (sample, sampledHeld) = (data, held)
        if data.rows > Self.selectionSampleSize {
            var random = SeededRandom(seed: seed)
            let rows = random.sample(Self.selectionSampleSize, of: data.rows).sorted()
            (sample, sampledHeld) = (data.rows(at: rows), rows.map { held[$0] })
        }
        let criterion = SegmentCountCriterion(
            range: min(range.lowerBound, sample.rows - 1) ... min(range.upperBound, sample.rows - 1), seed: seed)
        // With `nInit` starts, as the final fit has: on up to `selectionSampleSize` users the chosen candidate is
        // then exactly the k-means fit the segments come from.
        return try criterion.choose(sample, held: sampledHeld) { k in
            try KMeans(k: k, nInit: nInit, metric: .cosine, seed: seed).fit(sample).labels
        }
    }

    /// The segment counts to try for `users` users (see `kRange`).
    func candidateRange(users: Int) throws -> ClosedRange<Int> {
        guard let kRange else {
            let upper = max(2, min(Self.defaultKRange.upperBound, users - 1))
            return min(Self.defaultKRange.lowerBound, upper) ... upper
        }
        guard kRange.lowerBound >= 2 else {
            throw ClusterError.invalidParameter(
                name: "k range", value: "\(kRange.lowerBound)...\(kRange.upperBound)", expected: "2 ≤ k")
        }
        guard kRange.lowerBound < users else { throw SegmentError.kRangeUnmet(kRange, users: users, layer: layer) }
        return kRange.lowerBound ... min(kRange.upperBound, users - 1)
    }

    /// Clusters as row lists, largest first (ties: earliest first row), with their original labels.
    static func groups(_ labels: [Int]) -> [(label: Int, rows: [Int])] {
        var rows = [Int: [Int]]()
        for (r, label) in labels.enumerated() { rows[label, default: []].append(r) }
        return rows.map { (label: $0.key, rows: $0.value) }
            .sorted { $0.rows.count != $1.rows.count ? $0.rows.count > $1.rows.count : $0.rows[0] < $1.rows[0] }
    }

    /// `labels` with every noise row (−1) given the cluster whose mean is most similar.
    static func joiningNoise(_ labels: [Int], data: Matrix) -> [Int] {
        let groups = Self.groups(labels).filter { $0.label >= 0 }
        let centroids = groups.map { VectorMath.normalized(meanRow(data, rows: $0.rows)) }
        return labels.enumerated().map { r, label in
            guard label < 0 else { return label }
            let row = data.row(r)
            let best = centroids.indices.max {
                VectorMath.dot(centroids[$0], row) < VectorMath.dot(centroids[$1], row)
            }!
            return groups[best].label
        }
    }
}

/// The mean of the given rows of `data`.
func meanRow(_ data: Matrix, rows: [Int]) -> [Float] {
    var sum = [Float](repeating: 0, count: data.columns)
    for r in rows {
        for c in 0 ..< data.columns { sum[c] += data[r, c] }
    }
    return sum.map { $0 / Float(max(1, rows.count)) }
}

/// Why users could not be segmented.
public enum SegmentError: Error, CustomStringConvertible, Equatable {
    case tooFewUsers(Int, layer: LayerKind)
    case invalidK(Int, users: Int)
    case noDenseSegments(layer: LayerKind)
    case kRangeUnmet(ClosedRange<Int>, users: Int, layer: LayerKind)

    public var description: String {
        switch self {
        case .tooFewUsers(let n, let layer):
            "segmenting needs at least 3 users with a non-empty \(layer.rawValue) layer, the store has \(n)"
        case .invalidK(let k, let users): "k = \(k): expected 2 ≤ k < the number of users with a profile (\(users))"
        case .noDenseSegments(let layer):
            "HDBSCAN found no dense group in the \(layer.rawValue) layer; try kmeans or a smaller minimum segment size"
        case .kRangeUnmet(let range, let users, let layer):
            "a k range of \(range.lowerBound)-\(range.upperBound) cannot be met: only \(users) users have a non-empty "
                + "\(layer.rawValue) layer, and each segment needs users of its own; give a range below \(users)"
        }
    }
}

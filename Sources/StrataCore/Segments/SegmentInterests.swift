import StrataCluster
import StrataMath

/// What sets segments apart, and whether they survive resampling: the arithmetic behind a segment's
/// distinctive interests (lift), its label and its stability.
public enum SegmentInterests {
    /// A user holds the topics of this many of their strongest positive interests in the segmented layer.
    public static let heldPerUser = 3
    /// An interest counts as distinctive of a segment only when at least this share of its members hold
    /// it: a topic two members of a hundred share is rare, not characteristic.
    public static let minimumSupport = 0.25

    /// The topics `profile` holds in `layer`: those of its `heldPerUser` strongest positive topic interests.
    public static func held(_ profile: UserProfile, layer: LayerKind) -> Set<Int> {
        Set(
            profile.layer(layer).interests.filter { $0.topic != nil && $0.weight > 0 }
                .sorted { $0.weight > $1.weight }.prefix(heldPerUser).map { $0.topic! })
    }

    /// One topic's shares in one group and in the population, and their ratio.
    public struct Lift: Equatable, Sendable {
        public var topic: Int
        public var share: Double
        public var populationShare: Double
        public var lift: Double
    }

    /// Every group's topics ranked by lift (share of the group holding the topic over the share of all
    /// users holding it), most distinctive first: topics held by at least `minimumSupport` of the group
    /// first, by lift (ties: the larger share, then the lower topic id), then the rarer ones the same way.
    ///
    /// - Parameters:
    ///   - held: The topics each user holds, one set per user.
    ///   - labels: Each user's group, `0 ..< groups`.
    ///   - groups: The number of groups.
    public static func lifts(
        held: [Set<Int>], labels: [Int], groups: Int, minimumSupport: Double = SegmentInterests.minimumSupport
    )
        -> [[Lift]]
    {
        var population = [Int: Int]()
        var counts = [[Int: Int]](repeating: [:], count: groups)
        var sizes = [Int](repeating: 0, count: groups)
        for (topics, label) in zip(held, labels) {
            sizes[label] += 1
            for topic in topics {
                population[topic, default: 0] += 1
                counts[label][topic, default: 0] += 1
            }
        }
        let users = Double(held.count)
        return (0 ..< groups).map { g in
            let lifts = counts[g].map { topic, count in
                let share = Double(count) / Double(sizes[g])
                let populationShare = Double(population[topic]!) / users
                return Lift(topic: topic, share: share, populationShare: populationShare, lift: share / populationShare)
            }
            return lifts.sorted {
                let (a, b) = ($0.share >= minimumSupport, $1.share >= minimumSupport)
                if a != b { return a }
                if $0.lift != $1.lift { return $0.lift > $1.lift }
                if $0.share != $1.share { return $0.share > $1.share }
                return $0.topic < $1.topic
            }
        }
    }

    /// The lift of every group's most distinctive interest held by at least `minimumSupport` of it (0 when
    /// none is).
    static func topLifts(held: [Set<Int>], labels: [Int], groups: Int) -> [Double] {
        lifts(held: held, labels: labels, groups: groups).map { ranked in
            ranked.first.map { $0.share >= minimumSupport ? $0.lift : 0 } ?? 0
        }
    }

    /// The stability of a grouping of `data` under resampling.
    ///
    /// Each of `resamples` times, a random half of the rows is clustered again by `refit` (with a seed of its
    /// own), every row is given the group of the nearest (cosine) centroid of that fit, and the result is
    /// compared with `labels`: by the adjusted Rand index overall, and per group by the Jaccard overlap with
    /// the group of the refit it is matched to (Hungarian matching on shared rows).
    ///
    /// - Returns: The mean ARI and each group's mean Jaccard overlap, in `0 ..< groups` order; `nil` when
    ///   there are too few rows to halve.
    static func stability(
        _ data: Matrix, labels: [Int], groups: Int, resamples: Int, seed: UInt64,
        refit: (Matrix, UInt64) throws -> [Int]
    ) throws -> (ari: Double, perGroup: [Double])? {
        let half = data.rows / 2
        guard half > groups, groups > 1 else { return nil }
        var random = SeededRandom(seed: seed ^ 0x5EED_57AB)
        var ari = 0.0
        var jaccard = [Double](repeating: 0, count: groups)
        for r in 0 ..< resamples {
            let rows = random.sample(half, of: data.rows).sorted()
            let part = data.rows(at: rows)
            let partLabels = try refit(part, seed &+ UInt64(r) &+ 1)
            let refitted = Segmenter.groups(partLabels)
            let centroids = refitted.map { VectorMath.normalized(meanRow(part, rows: $0.rows)) }
            let assigned = (0 ..< data.rows).map { row in
                let vector = data.row(row)
                return centroids.indices.max {
                    VectorMath.dot(centroids[$0], vector) < VectorMath.dot(centroids[$1], vector)
                }!
            }
            ari += try ClusterMetrics.adjustedRandIndex(labels, assigned)
            let others = centroids.count
            let size = max(groups, others)
            var overlap = [[Int]](repeating: [Int](repeating: 0, count: size), count: size)
            var sizes = [Int](repeating: 0, count: groups)
            var otherSizes = [Int](repeating: 0, count: others)
            for (a, b) in zip(labels, assigned) {
                overlap[a][b] += 1
                sizes[a] += 1
                otherSizes[b] += 1
            }
            let pairs = Hungarian.assignment(costs: overlap.map { $0.map { -Double($0) } })
            for g in 0 ..< groups {
                let match = pairs[g]
                guard match < others, sizes[g] > 0 else { continue }
                let shared = Double(overlap[g][match])
                jaccard[g] += shared / (Double(sizes[g] + otherSizes[match]) - shared)
            }
        }
        let n = Double(resamples)
        return (ari / n, jaccard.map { $0 / n })
    }
}

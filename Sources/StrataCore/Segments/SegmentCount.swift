import Foundation
import StrataCluster
import StrataMath

/// How a segmentation chose its number of segments, kept with the model so that a person can see why.
///
/// The rule (`Segmenter`'s default when k is not given): every k of the range is fitted on the users (a
/// sample past `Segmenter.selectionSampleSize`) by k-means; segments smaller than the minimum size (1% of the
/// users, at least 3) are dissolved into their nearest neighbours, since nobody can act on a segment of a
/// handful of users (k-means gives a centre to a few outlying users as k grows), as long as the range's lower
/// bound of segments is left. A candidate is *usable* when its segments number within the range, each
/// holds at least the minimum size, and each has an interest held by at least a quarter of its members with a
/// lift of at least `minimumLift` — so every segment can be told apart by what its members share. Of the usable candidates the one with the best silhouette wins
/// (ties: the fewer segments); when none is usable, the best silhouette among those within the range, else
/// of all.
public struct SegmentCountChoice: Codable, Equatable, Sendable {
    /// One candidate k as the rule saw it.
    public struct Candidate: Codable, Equatable, Sendable {
        /// The k-means k fitted.
        public var k: Int
        /// The segments left after dissolving those below the minimum size.
        public var segments: Int
        /// The mean silhouette (cosine) of those segments, on at most 3,000 sampled users.
        public var silhouette: Double
        /// The smallest segment's users (in the sample).
        public var smallest: Int
        /// The lowest, over the segments, of each segment's best lift (0 when a segment has no interest
        /// that a quarter of its members hold).
        public var weakestLift: Double
        /// Why the candidate is not usable; `nil` when it is.
        public var rejection: String?

        public init(k: Int, segments: Int, silhouette: Double, smallest: Int, weakestLift: Double, rejection: String?) {
            self.k = k
            self.segments = segments
            self.silhouette = silhouette
            self.smallest = smallest
            self.weakestLift = weakestLift
            self.rejection = rejection
        }
    }

    /// The range of segment counts tried (after capping to the users).
    public var lower: Int
    public var upper: Int
    /// The k fitted for the chosen candidate, and the segments it gave on the sample.
    public var k: Int
    public var segments: Int
    /// Users the choice was made on, and the smallest segment it allowed.
    public var sampledUsers: Int
    public var minimumSize: Int
    public var minimumLift: Double
    /// The rule's verdict in a sentence.
    public var reason: String
    public var candidates: [Candidate]

    public init(
        lower: Int, upper: Int, k: Int, segments: Int, sampledUsers: Int, minimumSize: Int, minimumLift: Double,
        reason: String, candidates: [Candidate]
    ) {
        self.lower = lower
        self.upper = upper
        self.k = k
        self.segments = segments
        self.sampledUsers = sampledUsers
        self.minimumSize = minimumSize
        self.minimumLift = minimumLift
        self.reason = reason
        self.candidates = candidates
    }
}

/// The rule of `SegmentCountChoice` with its thresholds.
struct SegmentCountCriterion {
    var range: ClosedRange<Int>
    /// The smallest segment as a share of the users (and never below `minimumUsers`).
    var minimumShare = 0.01
    var minimumUsers = 3
    var minimumLift = 1.5
    var seed: UInt64

    /// The smallest segment kept among `users` users.
    func minimumSize(users: Int) -> Int {
        max(minimumUsers, Int((minimumShare * Double(users)).rounded(.up)))
    }

    /// Tries every k of `range` on `data` (one row per user, `held` their topics) with `fit`, which returns the
    /// labels of a fit with k clusters (seeded by `seed`).
    func choose(_ data: Matrix, held: [Set<Int>], fit: (Int) throws -> [Int]) throws -> SegmentCountChoice {
        let minimum = minimumSize(users: data.rows)
        var candidates = [SegmentCountChoice.Candidate]()
        for k in range {
            let labels = Self.contiguous(
                Self.dissolving(try fit(k), data: data, minimumSize: minimum, keeping: range.lowerBound))
            let count = (labels.max() ?? -1) + 1
            let sizes = labels.reduce(into: [Int](repeating: 0, count: count)) { $0[$1] += 1 }
            let silhouette =
                count > 1
                ? (try? ClusterMetrics.sampledSilhouette(
                    data, labels: labels, sampleSize: 3000, metric: .cosine, seed: seed)) ?? -1 : -1
            let weakest = SegmentInterests.topLifts(held: held, labels: labels, groups: count).min() ?? 0
            var rejection: String?
            if !range.contains(count) {
                rejection = "\(count) segments after dissolving those under \(minimum) users"
            } else if let smallest = sizes.min(), smallest < minimum {
                rejection = "a segment of \(smallest) users"
            } else if weakest < minimumLift {
                rejection = String(format: "a segment's best interest has lift %.2f < %.1f", weakest, minimumLift)
            }
            candidates.append(
                .init(
                    k: k, segments: count, silhouette: silhouette, smallest: sizes.min() ?? 0, weakestLift: weakest,
                    rejection: rejection))
        }
        let usable = candidates.filter { $0.rejection == nil }
        let inRange = candidates.filter { range.contains($0.segments) }
        let pool = !usable.isEmpty ? usable : !inRange.isEmpty ? inRange : candidates
        let best = pool.max {
            $0.silhouette != $1.silhouette ? $0.silhouette < $1.silhouette : $0.segments > $1.segments
        }!
        let rule = String(
            format: "segments of at least %d users, each with an interest of lift ≥ %.1f", minimum, minimumLift)
        var reason =
            usable.isEmpty
            ? "no k in \(range.lowerBound)…\(range.upperBound) gave \(rule); "
                + (inRange.isEmpty ? "the best silhouette of all" : "the best silhouette among those within the range")
            : String(format: "the best silhouette (%.3f) of the ", best.silhouette)
                + "\(usable.count) of \(candidates.count) ks in \(range.lowerBound)…\(range.upperBound) that gave \(rule)"
        if best.segments < best.k {
            reason += " (k-means with \(best.k) centres, \(best.k - best.segments) too small to keep)"
        }
        if let top = candidates.max(by: { $0.silhouette < $1.silhouette }), top.k != best.k {
            reason +=
                String(format: "; silhouette alone would take k = %d (%.3f)", top.k, top.silhouette)
                + (top.rejection.map { ": \($0)" } ?? "")
        }
        return SegmentCountChoice(
            lower: range.lowerBound, upper: range.upperBound, k: best.k, segments: best.segments,
            sampledUsers: data.rows, minimumSize: minimum, minimumLift: minimumLift, reason: reason,
            candidates: candidates)
    }

    /// `labels` with every group of fewer than `minimumSize` rows merged into the group of the nearest mean of
    /// the groups kept — but the `keeping` largest groups (at least one) are always kept.
    static func dissolving(_ labels: [Int], data: Matrix, minimumSize: Int, keeping: Int) -> [Int] {
        let groups = Segmenter.groups(labels)
        let small = Set(groups.dropFirst(max(1, keeping)).filter { $0.rows.count < minimumSize }.map(\.label))
        guard !small.isEmpty else { return labels }
        return Segmenter.joiningNoise(labels.map { small.contains($0) ? -1 : $0 }, data: data)
    }

    /// Labels renumbered `0 ..< count` in order of first appearance.
    static func contiguous(_ labels: [Int]) -> [Int] {
        var ids = [Int: Int]()
        return labels.map { label in
            if let id = ids[label] { return id }
            ids[label] = ids.count
            return ids.count - 1
        }
    }
}

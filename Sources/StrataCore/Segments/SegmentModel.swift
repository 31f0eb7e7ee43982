import Foundation
import StrataMath

/// The interest segments of one profile layer: the segments, every segmented user's memberships and
/// what the streaming updates since the last full fit have done.
public struct SegmentModel: Codable, Equatable, Sendable {
    /// The layer whose vectors were clustered.
    public var layer: LayerKind
    /// The clustering algorithm of the last full fit.
    public var algorithm: String
    /// The segments, in id order.
    public var segments: [Segment]
    /// Every segmented user's memberships, keyed by user id.
    public var memberships: [String: SegmentMembership]
    /// The id the next new segment gets (ids are never reused).
    public var nextID: Int
    /// The softmax temperature of distance-based soft memberships (on cosine similarity).
    public var temperature: Double
    /// The decayed number of users each segment's centroid has absorbed, in `segments` order (the
    /// weights of the streaming k-means that moves the centroids).
    public var centroidWeights: [Double]
    /// Users whose hard segment changed through streaming updates since the last full fit.
    public var movedSinceFit: Int
    /// How the last full fit chose its number of segments, and why; `nil` when k was given (or the algorithm
    /// finds it itself, or the model was stored before choices were recorded).
    public var countChoice: SegmentCountChoice?
    /// The mean adjusted Rand index between the last full fit and refits on random halves of its users
    /// (each extended to every user by the nearest centroid): 1 when resampling never changes the grouping;
    /// `nil` when not measured.
    public var stability: Double?

    public init(
        layer: LayerKind, algorithm: String, segments: [Segment], memberships: [String: SegmentMembership],
        nextID: Int, temperature: Double, centroidWeights: [Double], movedSinceFit: Int = 0,
        countChoice: SegmentCountChoice? = nil, stability: Double? = nil
    ) {
        self.layer = layer
        self.algorithm = algorithm
        self.segments = segments
        self.memberships = memberships
        self.nextID = nextID
        self.temperature = temperature
        self.centroidWeights = centroidWeights
        self.movedSinceFit = movedSinceFit
        self.countChoice = countChoice
        self.stability = stability
    }

    /// The hard segment of `user`, if the user is segmented.
    public func membership(of user: String) -> Int? {
        memberships[user]?.segment
    }

    /// The segment with `id`.
    public func segment(_ id: Int) -> Segment? {
        segments.first { $0.id == id }
    }

    /// The segments, largest first (ties by id).
    public var segmentsBySize: [Segment] {
        segments.sorted { ($0.size, -$0.id) > ($1.size, -$1.id) }
    }

    /// The members of segment `id`, in id order.
    public func members(of id: Int) -> [String] {
        memberships.values.filter { $0.segment == id }.map(\.user).sorted()
    }

    /// The share of segmented users that changed segment through streaming updates since the last fit.
    public var drift: Double {
        memberships.isEmpty ? 0 : Double(movedSinceFit) / Double(memberships.count)
    }

    /// The segment centroids as a matrix, one row per segment in `segments` order.
    public var centroids: Matrix {
        Matrix(rows: segments.count, columns: segments.first?.centroid.count ?? 0, values: segments.flatMap(\.centroid))
    }

    /// Where a user with layer vector `vector` belongs: the nearest centroid, and the softmax of the
    /// cosine similarities over `temperature`, keeping the `kept` strongest memberships of at least
    /// `minimum`. `nil` for an all-zero vector (a user with nothing in this layer).
    ///
    /// - Parameters:
    ///   - user: The user id the membership records.
    ///   - vector: The user's vector in `layer`, as long as the centroids (a length mismatch traps); unit length as
    ///     profiles hold it, since the similarities are dot products and a longer vector sharpens the softmax.
    ///   - kept: The most memberships kept, strongest first; 0 keeps just the strongest, negative traps.
    ///   - minimum: Memberships weighing less (weights are 0 … 1) are dropped; when none is left the strongest is
    ///     kept anyway.
    /// - Returns: The membership, whose `segment` is the most similar centroid (ties: the lower id); `nil` when the
    ///   model has no segments or `vector` is all zero.
    public func membership(user: String, vector: [Float], kept: Int = 3, minimum: Double = 0.05) -> SegmentMembership? {
        guard !segments.isEmpty, vector.contains(where: { $0 != 0 }) else { return nil }
        let similarities = segments.map { Double(VectorMath.dot($0.centroid, vector)) }
        return Self.membership(
            user: user, ids: segments.map(\.id), scores: Self.softmax(similarities, temperature: temperature),
            kept: kept, minimum: minimum)
    }

    /// A membership from one user's distribution `scores` over the segments `ids`.
    static func membership(user: String, ids: [Int], scores: [Double], kept: Int, minimum: Double) -> SegmentMembership
    {
        let ranked = zip(ids, scores).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let strongest = ranked.prefix(kept).filter { $0.1 >= minimum }.map {
            WeightedSegment(segment: $0.0, weight: $0.1)
        }
        return SegmentMembership(
            user: user, segment: ranked[0].0,
            memberships: strongest.isEmpty ? [WeightedSegment(segment: ranked[0].0, weight: ranked[0].1)] : strongest)
    }

    /// exp(s / t) normalised, with the maximum subtracted first.
    static func softmax(_ scores: [Double], temperature: Double) -> [Double] {
        let top = scores.max() ?? 0
        let e = scores.map { exp(($0 - top) / temperature) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }
}

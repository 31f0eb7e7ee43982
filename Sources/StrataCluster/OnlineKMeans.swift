import StrataMath

/// Streaming k-means for dynamic segments: each arriving point moves its nearest centroid toward it.
///
/// Every centroid carries a weight (how many points it has absorbed). On each update all weights
/// decay by `forgetting` and the winner's grows by one; the winner then moves by 1 / weight of the way
/// to the point. With `forgetting = 1` each centroid is the exact running mean of its points
/// (MacQueen); below 1 old points fade with a memory of about 1 / (1 − forgetting) updates, so
/// segments follow drifting interests.
public struct OnlineKMeans: Sendable {
    /// The current centres (`k × columns`).
    public private(set) var centroids: Matrix
    /// The decayed number of points each centre has absorbed.
    public private(set) var weights: [Double]
    /// The per-update decay of every weight, in (0, 1].
    public let forgetting: Double

    /// Starts from existing centres, e.g. a `KMeans` fit, with their cluster sizes as `weights`
    /// (1 each when omitted).
    public init(centroids: Matrix, weights: [Double]? = nil, forgetting: Double = 1) throws {
        try validate(centroids)
        guard forgetting > 0, forgetting <= 1 else {
            throw ClusterError.invalidParameter(
                name: "forgetting", value: "\(forgetting)", expected: "a factor in (0, 1]")
        }
        let weights = weights ?? [Double](repeating: 1, count: centroids.rows)
        guard weights.count == centroids.rows else {
            throw ClusterError.lengthMismatch(what: "weights", expected: centroids.rows, found: weights.count)
        }
        guard weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw ClusterError.invalidParameter(
                name: "weights", value: "\(weights)", expected: "finite non-negative values")
        }
        self.centroids = centroids
        self.weights = weights
        self.forgetting = forgetting
    }

    /// The index of the centroid nearest to `point` (squared Euclidean distance).
    public func nearest(to point: [Float]) -> Int {
        precondition(
            point.count == centroids.columns, "expected a point of \(centroids.columns) values, got \(point.count)")
        let d = centroids.columns
        var best = 0
        var bestDistance = Float.infinity
        for j in 0 ..< centroids.rows {
            var s: Float = 0
            for c in 0 ..< d {
                let diff = point[c] - centroids.values[j * d + c]
                s += diff * diff
            }
            if s < bestDistance { (best, bestDistance) = (j, s) }
        }
        return best
    }

    /// Absorbs one point and returns the segment it joined.
    @discardableResult
    public mutating func update(point: [Float]) -> Int {
        let j = nearest(to: point)
        for i in weights.indices { weights[i] *= forgetting }
        weights[j] += 1
        let rate = Float(1 / weights[j])
        let d = centroids.columns
        for c in 0 ..< d { centroids.values[j * d + c] += rate * (point[c] - centroids.values[j * d + c]) }
        return j
    }
}

import StrataMath

/// The dissimilarity a clustering works with.
public enum Metric: String, Sendable, CaseIterable {
    /// Straight-line distance ‖a − b‖.
    case euclidean
    /// Cosine distance 1 − cos(a, b).
    case cosine

    /// The data in a space where squared Euclidean distance orders pairs as this metric does:
    /// unchanged for Euclidean, rows scaled to unit length for cosine (where ‖a − b‖² = 2 − 2 cos).
    func prepared(_ data: Matrix) -> Matrix {
        guard self == .cosine else { return data }
        var unit = data
        unit.normalizeRows()
        return unit
    }

    /// This metric's distance between two prepared rows `squaredEuclidean` apart.
    @inline(__always)
    func distance(squaredEuclidean d2: Float) -> Float {
        self == .euclidean ? max(0, d2).squareRoot() : max(0, d2) / 2
    }

    /// The squared Euclidean distance between prepared rows that corresponds to `distance`.
    func squaredEuclidean(distance: Float) -> Float {
        self == .euclidean ? distance * distance : 2 * distance
    }
}

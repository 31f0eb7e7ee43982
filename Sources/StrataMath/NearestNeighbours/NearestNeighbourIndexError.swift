/// Why a `NearestNeighbourIndex` could not be built or queried.
public enum NearestNeighbourIndexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The matrix has no rows or no columns.
    case noVectors
    /// Row `row` holds a NaN or an infinity.
    case nonFiniteVector(row: Int)
    /// `m` (neighbours per node) is below 2.
    case invalidM(Int)
    /// `efConstruction` is below 1.
    case invalidEfConstruction(Int)
    /// `exactBelow` is negative.
    case invalidExactBelow(Int)
    /// `k` (results per query) is below 1.
    case invalidK(Int)
    /// `ef` (candidates kept while searching) is below 1.
    case invalidEf(Int)
    /// A query's length differs from the indexed vectors' dimension.
    case dimensionMismatch(expected: Int, actual: Int)
    /// A query holds a NaN or an infinity.
    case nonFiniteQuery
    /// A batch of queries came with another number of exclusion sets.
    case exclusionsMismatch(queries: Int, sets: Int)
    /// Bytes given as a kept graph are not one over these vectors (the reason says what is wrong).
    case invalidKeptGraph(String)

    public var description: String {
        switch self {
        case .noVectors: "the index needs at least one vector with at least one dimension"
        case .nonFiniteVector(let row): "vector \(row) holds a NaN or an infinity"
        case .invalidM(let m): "m must be at least 2, got \(m)"
        case .invalidEfConstruction(let ef): "efConstruction must be at least 1, got \(ef)"
        case .invalidExactBelow(let n): "exactBelow must not be negative, got \(n)"
        case .invalidK(let k): "k must be at least 1, got \(k)"
        case .invalidEf(let ef): "ef must be at least 1, got \(ef)"
        case .dimensionMismatch(let expected, let actual): "the query has \(actual) dimensions, the index \(expected)"
        case .nonFiniteQuery: "the query holds a NaN or an infinity"
        case .exclusionsMismatch(let queries, let sets): "\(queries) queries came with \(sets) sets of exclusions"
        case .invalidKeptGraph(let reason): "the kept HNSW graph cannot be used: \(reason)"
        }
    }
}

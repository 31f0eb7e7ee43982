import StrataMath

/// Why a clustering could not run on the given input or parameters.
public enum ClusterError: Error, Equatable, CustomStringConvertible {
    /// The data has no rows or no columns.
    case emptyInput(rows: Int, columns: Int)
    /// A NaN or infinite value at `(row, column)`.
    case nonFiniteValue(row: Int, column: Int)
    /// More clusters were asked for than there are points.
    case tooManyClusters(k: Int, points: Int)
    /// A parameter outside its allowed range.
    case invalidParameter(name: String, value: String, expected: String)
    /// An array whose length does not match the data.
    case lengthMismatch(what: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case let .emptyInput(rows, columns):
            "expected a non-empty matrix (at least 1 row and 1 column), got \(rows) × \(columns)"
        case let .nonFiniteValue(row, column):
            "expected finite values, found NaN or infinity at row \(row), column \(column)"
        case let .tooManyClusters(k, points):
            "expected k between 1 and the number of points (\(points)), got k = \(k)"
        case let .invalidParameter(name, value, expected):
            "invalid \(name) \(value): expected \(expected)"
        case let .lengthMismatch(what, expected, found):
            "expected \(expected) \(what), got \(found)"
        }
    }
}

/// Checks that `data` is non-empty and finite.
func validate(_ data: Matrix) throws {
    guard data.rows > 0, data.columns > 0 else { throw ClusterError.emptyInput(rows: data.rows, columns: data.columns) }
    if let bad = data.values.firstIndex(where: { !$0.isFinite }) {
        throw ClusterError.nonFiniteValue(row: bad / data.columns, column: bad % data.columns)
    }
}

/// Checks that `data` is non-empty and finite and can hold `k` clusters.
func validate(_ data: Matrix, k: Int) throws {
    try validate(data)
    guard k >= 1, k <= data.rows else { throw ClusterError.tooManyClusters(k: k, points: data.rows) }
}

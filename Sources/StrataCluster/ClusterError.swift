import Foundation
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
    /// A method whose cost grows with the square of the points, asked for more points than its limit.
    case tooManyPoints(method: String, points: Int, limit: Int, needs: String, alternative: String)

    public var description: String {
        switch self {
        case .emptyInput(let rows, let columns):
            "expected a non-empty matrix (at least 1 row and 1 column), got \(rows) × \(columns)"
        case .nonFiniteValue(let row, let column):
            "expected finite values, found NaN or infinity at row \(row), column \(column)"
        case .tooManyClusters(let k, let points):
            "expected k between 1 and the number of points (\(points)), got k = \(k)"
        case .invalidParameter(let name, let value, let expected):
            "invalid \(name) \(value): expected \(expected)"
        case .lengthMismatch(let what, let expected, let found):
            "expected \(expected) \(what), got \(found)"
        case .tooManyPoints(let method, let points, let limit, let needs, let alternative):
            "\(method) of \(points) points needs \(needs), quadratic in the points; it runs on at most \(limit) points: \(alternative)"
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

/// A byte count for messages, e.g. `"9.3 GB"`.
func formattedBytes(_ bytes: Double) -> String {
    bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
}

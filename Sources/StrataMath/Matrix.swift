/// A dense row-major matrix of `Float`, the currency of every numeric stage in Strata.
///
/// Element `(r, c)` lives at `values[r * columns + c]`, so one row is one contiguous vector
/// (an embedding, a centroid) and a whole matrix can be handed to BLAS without copying.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements, row after row.
    public var values: [Float]

    /// A `rows × columns` matrix with every element set to `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        self.rows = rows
        self.columns = columns
        self.values = [Float](repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major `values`; their count must be `rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "expected \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix whose rows are `rows`; all must have the same length.
    public init(rowVectors: [[Float]]) {
        let width = rowVectors.first?.count ?? 0
        precondition(rowVectors.allSatisfy { $0.count == width }, "all rows must have the same length")
        self.init(rows: rowVectors.count, columns: width, values: rowVectors.flatMap { $0 })
    }

    /// The element at row `r`, column `c`.
    @inlinable
    public subscript(r: Int, c: Int) -> Float {
        get { values[r * columns + c] }
        set { values[r * columns + c] = newValue }
    }

    /// A copy of row `r`.
    public func row(_ r: Int) -> [Float] {
        Array(values[r * columns ..< (r + 1) * columns])
    }

    /// All rows as separate arrays.
    public var rowVectors: [[Float]] { (0 ..< rows).map(row) }

    /// The rows at `indices`, in that order.
    public func rows(at indices: [Int]) -> Matrix {
        var out = [Float]()
        out.reserveCapacity(indices.count * columns)
        for r in indices { out.append(contentsOf: values[r * columns ..< (r + 1) * columns]) }
        return Matrix(rows: indices.count, columns: columns, values: out)
    }

    /// The transpose.
    public var transposed: Matrix {
        var out = Matrix(rows: columns, columns: rows)
        for r in 0 ..< rows {
            for c in 0 ..< columns { out.values[c * rows + r] = values[r * columns + c] }
        }
        return out
    }
}

/// Small vector helpers used around the BLAS calls.
public enum VectorMath {
    /// The dot product of two equally long vectors.
    @inlinable
    public static func dot(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "vectors differ in length")
        var sum: Float = 0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    /// The Euclidean norm.
    @inlinable
    public static func norm(_ a: [Float]) -> Float { dot(a, a).squareRoot() }

    /// `a` scaled to unit length; a zero vector stays zero.
    public static func normalized(_ a: [Float]) -> [Float] {
        let n = norm(a)
        return n > 0 ? a.map { $0 / n } : a
    }

    /// The cosine similarity, 0 when either vector is zero.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let denominator = norm(a) * norm(b)
        return denominator > 0 ? dot(a, b) / denominator : 0
    }
}

extension Matrix {
    /// Scales every row to unit L2 norm in place; all-zero rows are left as they are.
    public mutating func normalizeRows() {
        let width = columns
        values.withUnsafeMutableBufferPointer { v in
            for r in 0 ..< rows {
                let start = r * width
                var sum: Float = 0
                for c in start ..< start + width { sum += v[c] * v[c] }
                guard sum > 0 else { continue }
                let scale = 1 / sum.squareRoot()
                for c in start ..< start + width { v[c] *= scale }
            }
        }
    }

    /// The squared L2 norm of every row.
    public var squaredRowNorms: [Float] {
        (0 ..< rows).map { r in
            var sum: Float = 0
            for c in r * columns ..< (r + 1) * columns { sum += values[c] * values[c] }
            return sum
        }
    }
}

import Foundation

/// The element-wise steps of the transformer between its BLAS calls, on raw row-major buffers.
enum Kernels {
    /// Adds `bias` (length `width`) to each of `rows` rows.
    static func addBias(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int, bias: UnsafePointer<Float>) {
        for r in 0 ..< rows {
            let row = x + r * width
            for c in 0 ..< width { row[c] += bias[c] }
        }
    }

    /// `x ← LayerNorm(x + residual)` row by row, with biased variance as PyTorch computes it.
    static func addAndNormalize(
        _ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, width: Int,
        gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float
    ) {
        for r in 0 ..< rows {
            let row = x + r * width
            if let residual {
                let add = residual + r * width
                for c in 0 ..< width { row[c] += add[c] }
            }
            var sum: Float = 0
            for c in 0 ..< width { sum += row[c] }
            let mean = sum / Float(width)
            var squares: Float = 0
            for c in 0 ..< width {
                let d = row[c] - mean
                squares += d * d
            }
            let scale = 1 / (squares / Float(width) + epsilon).squareRoot()
            for c in 0 ..< width { row[c] = (row[c] - mean) * scale * gamma[c] + beta[c] }
        }
    }

    /// The exact GELU, `x · Φ(x) = x/2 · (1 + erf(x/√2))`, in place.
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let invSqrt2: Float = 0.70710678118654752
        for i in 0 ..< count {
            let v = x[i]
            x[i] = 0.5 * v * (1 + erff(v * invSqrt2))
        }
    }

    /// Row-wise softmax of an `n × n` score block with stride `stride`, the maximum subtracted first.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, columns: Int, stride: Int) {
        for r in 0 ..< rows {
            let row = x + r * stride
            var maximum = -Float.infinity
            for c in 0 ..< columns { maximum = max(maximum, row[c]) }
            var sum: Float = 0
            for c in 0 ..< columns {
                let e = expf(row[c] - maximum)
                row[c] = e
                sum += e
            }
            let inverse = 1 / sum
            for c in 0 ..< columns { row[c] *= inverse }
        }
    }
}

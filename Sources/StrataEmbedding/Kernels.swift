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
            let mean = sum(row, count: width) / Float(width)
            var squares = SIMD8<Float>()
            var c = 0
            while c + 8 <= width {
                let d = UnsafeRawPointer(row + c).loadUnaligned(as: SIMD8<Float>.self) - mean
                squares += d * d
                c += 8
            }
            var total = squares.sum()
            while c < width {
                total += (row[c] - mean) * (row[c] - mean)
                c += 1
            }
            let scale = 1 / (total / Float(width) + epsilon).squareRoot()
            for c in 0 ..< width { row[c] = (row[c] - mean) * scale * gamma[c] + beta[c] }
        }
    }

    /// The sum of `count` floats, accumulated in eight lanes.
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD8<Float>()
        var c = 0
        while c + 8 <= count {
            lanes += UnsafeRawPointer(x + c).loadUnaligned(as: SIMD8<Float>.self)
            c += 8
        }
        var total = lanes.sum()
        while c < count {
            total += x[c]
            c += 1
        }
        return total
    }

    /// The exact GELU, `x · Φ(x) = x/2 · (1 + erf(x/√2))`, in place.
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let invSqrt2: Float = 0.70710678118654752
        for i in 0 ..< count {
            let v = x[i]
            x[i] = 0.5 * v * (1 + erf(v * invSqrt2))
        }
    }

    /// The error function in single precision as a rational minimax approximation on [−4, 4] (the
    /// one Eigen and TensorFlow use; beyond ±4 erf is ±1 in `Float`). Branch-free, so loops over it
    /// vectorise; within a few units in the last place of `erff`.
    @inline(__always)
    static func erf(_ input: Float) -> Float {
        let x = min(max(input, -4), 4)
        let x2 = x * x
        var p: Float = -2.72614225801306e-10
        p = p * x2 + 2.77068142495902e-08
        p = p * x2 - 2.10102402082508e-06
        p = p * x2 - 5.69250639462346e-05
        p = p * x2 - 7.34990630326855e-04
        p = p * x2 - 2.95459980854025e-03
        p = p * x2 - 1.60960333262415e-02
        var q: Float = -1.45660718464996e-05
        q = q * x2 - 2.13374055278905e-04
        q = q * x2 - 1.68282697438203e-03
        q = q * x2 - 7.37332916720468e-03
        q = q * x2 - 1.42647390514189e-02
        return x * p / q
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

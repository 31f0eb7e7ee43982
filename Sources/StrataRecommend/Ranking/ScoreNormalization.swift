import StrataMath

/// Puts generator scores on one scale before blending: per user, min–max over the candidates
/// (everything but the user's own items), which go to −∞ so they are never recommended.
public enum ScoreNormalization {
    /// Normalises each row of `scores` in place to [0, 1] over the row's candidates and marks the
    /// items never recommended back to the user (`users[row].exclusions`) with −∞. A constant row becomes all zeros.
    public static func minMax(_ scores: inout Matrix, users: [UserContext]) {
        let n = scores.columns
        guard n > 0 else { return }
        scores.values.withUnsafeMutableBufferPointer { values in
            for (row, user) in users.enumerated() {
                let scores = UnsafeMutableBufferPointer(rebasing: values[row * n ..< (row + 1) * n])
                for item in user.exclusions { scores[item] = -.infinity }
                let (low, high) = candidateRange(scores)
                let range = high - low
                if range > 0 {
                    for c in scores.indices { scores[c] = (scores[c] - low) / range }  // −∞ stays −∞
                } else {
                    for c in scores.indices where scores[c] > -.infinity { scores[c] = 0 }
                }
            }
        }
    }

    /// Normalises the scores of one user's candidates (none of them their own items) in place to
    /// [0, 1], as `minMax(_:users:)` does a row; constant scores become zeros.
    public static func minMax(_ scores: inout [Float]) {
        guard !scores.isEmpty else { return }
        scores.withUnsafeMutableBufferPointer { scores in
            let (low, high) = candidateRange(scores)
            let range = high - low
            if range > 0 {
                for c in scores.indices { scores[c] = (scores[c] - low) / range }
            } else {
                for c in scores.indices { scores[c] = 0 }
            }
        }
    }

    /// The least and greatest score above −∞, eight lanes at a time.
    private static func candidateRange(_ scores: UnsafeMutableBufferPointer<Float>) -> (low: Float, high: Float) {
        let raw = UnsafeRawPointer(scores.baseAddress!)
        var lows = SIMD8<Float>(repeating: .infinity)
        var highs = SIMD8<Float>(repeating: -.infinity)
        var c = 0
        while c + 8 <= scores.count {
            let v = raw.loadUnaligned(fromByteOffset: c * MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
            // Masked replacement compiles to vector compares; the generic `pointwiseMin` is five times slower.
            highs.replace(with: v, where: v .> highs)
            lows.replace(with: v, where: v .< lows .& v .> -.infinity)
            c += 8
        }
        var low = lows.min()
        var high = highs.max()
        for v in scores[c...] where v > -.infinity {
            low = min(low, v)
            high = max(high, v)
        }
        return (low, high)
    }
}

import StrataMath

/// Puts generator scores on one scale before blending: per user, min–max over the candidates
/// (everything but the user's own items), which go to −∞ so they are never recommended.
public enum ScoreNormalization {
    /// Normalises each row of `scores` in place to [0, 1] over the row's candidates and marks the
    /// user's items (`users[row].items`) with −∞. A constant row becomes all zeros.
    public static func minMax(_ scores: inout Matrix, users: [UserContext]) {
        let n = scores.columns
        scores.values.withUnsafeMutableBufferPointer { values in
            for (row, user) in users.enumerated() {
                let base = row * n
                for item in user.items { values[base + item] = -.infinity }
                var low = Float.infinity, high = -Float.infinity
                for c in 0 ..< n where values[base + c] > -.infinity {
                    low = min(low, values[base + c])
                    high = max(high, values[base + c])
                }
                let range = high - low
                for c in 0 ..< n where values[base + c] > -.infinity {
                    values[base + c] = range > 0 ? (values[base + c] - low) / range : 0
                }
            }
        }
    }
}

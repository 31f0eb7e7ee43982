import StrataMath

/// One full assignment pass: nearest centroid for every row by blocked gemm, and (optionally)
/// the per-cluster sums and counts the update step needs.
struct AssignmentPass {
    var labels: [Int]
    /// Squared Euclidean distance of each row to its centroid.
    var distances: [Float]
    /// Squared Euclidean distance of each row to its second-nearest centroid (infinite when k = 1).
    var secondDistances: [Float]
    /// Per-cluster coordinate sums (`k × d`, row-major) and counts, when accumulated.
    var sums: [Double]
    var counts: [Int]

    init(_ data: Matrix, norms: [Float], centroids: Matrix, accumulate: Bool) {
        let n = data.rows
        let d = data.columns
        let k = centroids.rows
        var labels = [Int](repeating: 0, count: n)
        var distances = [Float](repeating: 0, count: n)
        var secondDistances = [Float](repeating: .infinity, count: n)
        let partials: [([Double], [Int])] = labels.withUnsafeMutableBufferPointer { lp in
            distances.withUnsafeMutableBufferPointer { dp in
                secondDistances.withUnsafeMutableBufferPointer { sp in
                    let (labelStore, distanceStore, secondStore) = (lp, dp, sp)
                    return data.values.withUnsafeBufferPointer { x in
                        Distances.forEachBlock(
                            data, aNorms: norms, to: centroids, bNorms: centroids.squaredRowNorms,
                            { range, block, acc in
                                for (i, r) in range.enumerated() {
                                    let (best, bestDistance, second) = nearestTwo(block + i * k, count: k)
                                    labelStore[r] = best
                                    distanceStore[r] = bestDistance
                                    secondStore[r] = second
                                    guard accumulate else { continue }
                                    acc.1[best] += 1
                                    acc.0.withUnsafeMutableBufferPointer { s in
                                        let sum = s.baseAddress! + best * d
                                        let row = x.baseAddress! + r * d
                                        for c in 0 ..< d { sum[c] += Double(row[c]) }
                                    }
                                }
                            },
                            initial: (
                                accumulate ? [Double](repeating: 0, count: k * d) : [], [Int](repeating: 0, count: k)
                            ))
                    }
                }
            }
        }
        self.labels = labels
        self.distances = distances
        self.secondDistances = secondDistances
        self.sums = partials[0].0
        self.counts = partials[0].1
        for part in partials.dropFirst() {
            for i in sums.indices { sums[i] += part.0[i] }
            for j in counts.indices { counts[j] += part.1[j] }
        }
    }
}

/// The index and value of the smallest of `count` values, and the second smallest value.
@inline(__always)
func nearestTwo(_ values: UnsafePointer<Float>, count: Int) -> (Int, Float, Float) {
    var best = 0
    var bestValue = values[0]
    var second = Float.infinity
    for j in 1 ..< count {
        let v = values[j]
        if v < bestValue {
            second = bestValue
            (best, bestValue) = (j, v)
        } else if v < second {
            second = v
        }
    }
    return (best, bestValue, second)
}

/// The within-cluster sum of squared Euclidean distances, computed directly (not by the gemm expansion).
func sumOfSquares(_ data: Matrix, labels: [Int], centroids: Matrix) -> Double {
    let d = data.columns
    let parts = ParallelLoop.map(count: data.rows, minimumPerWorker: 2048) { range -> Double in
        var total = 0.0
        for r in range {
            let l = labels[r]
            var s: Float = 0
            for c in 0 ..< d {
                let diff = data.values[r * d + c] - centroids.values[l * d + c]
                s += diff * diff
            }
            total += Double(s)
        }
        return total
    }
    return parts.reduce(0, +)
}

/// The mean over columns of the per-column variance (scikit-learn's scale for the k-means tolerance).
func meanColumnVariance(_ data: Matrix) -> Double {
    let n = data.rows
    let d = data.columns
    var mean = [Double](repeating: 0, count: d)
    for r in 0 ..< n {
        for c in 0 ..< d { mean[c] += Double(data.values[r * d + c]) }
    }
    for c in 0 ..< d { mean[c] /= Double(n) }
    var total = 0.0
    for r in 0 ..< n {
        for c in 0 ..< d {
            let diff = Double(data.values[r * d + c]) - mean[c]
            total += diff * diff
        }
    }
    return total / Double(n * d)
}

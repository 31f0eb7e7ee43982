import StrataMath

/// One assignment pass of Lloyd's algorithm: nearest centroid for every row by blocked gemm,
/// and (optionally) the per-cluster sums and counts the update step needs.
struct AssignmentPass {
    var labels: [Int]
    /// Squared Euclidean distance of each row to its centroid.
    var distances: [Float]
    /// Per-cluster coordinate sums (`k × d`, row-major) and counts, when accumulated.
    var sums: [Double]
    var counts: [Int]

    init(_ data: Matrix, norms: [Float], centroids: Matrix, accumulate: Bool) {
        let n = data.rows, d = data.columns, k = centroids.rows
        var labels = [Int](repeating: 0, count: n)
        var distances = [Float](repeating: 0, count: n)
        let partials: [([Double], [Int])] = labels.withUnsafeMutableBufferPointer { lp in
            distances.withUnsafeMutableBufferPointer { dp in
                let (labelStore, distanceStore) = (lp, dp)
                return data.values.withUnsafeBufferPointer { x in
                    Distances.forEachBlock(data, aNorms: norms, to: centroids, bNorms: centroids.squaredRowNorms, { range, block, acc in
                        for (i, r) in range.enumerated() {
                            var best = 0
                            var bestDistance = block[i * k]
                            for j in 1 ..< k where block[i * k + j] < bestDistance {
                                (best, bestDistance) = (j, block[i * k + j])
                            }
                            labelStore[r] = best
                            distanceStore[r] = bestDistance
                            guard accumulate else { continue }
                            acc.1[best] += 1
                            acc.0.withUnsafeMutableBufferPointer { s in
                                let sum = s.baseAddress! + best * d
                                let row = x.baseAddress! + r * d
                                for c in 0 ..< d { sum[c] += Double(row[c]) }
                            }
                        }
                    }, initial: (accumulate ? [Double](repeating: 0, count: k * d) : [], [Int](repeating: 0, count: k)))
                }
            }
        }
        self.labels = labels
        self.distances = distances
        self.sums = partials[0].0
        self.counts = partials[0].1
        for part in partials.dropFirst() {
            for i in sums.indices { sums[i] += part.0[i] }
            for j in counts.indices { counts[j] += part.1[j] }
        }
    }

    /// The new centroids: cluster means; an empty cluster takes the point farthest from its centroid
    /// (scikit-learn's relocation), which leaves the cluster it came from.
    mutating func means(of data: Matrix, k: Int) -> Matrix {
        let d = data.columns
        let empty = (0 ..< k).filter { counts[$0] == 0 }
        if !empty.isEmpty {
            let farthest = distances.indices.sorted { distances[$0] > distances[$1] }.prefix(empty.count)
            for (cluster, point) in zip(empty, farthest) {
                let old = labels[point]
                for c in 0 ..< d {
                    let value = Double(data.values[point * d + c])
                    sums[old * d + c] -= value
                    sums[cluster * d + c] = value
                }
                counts[old] -= 1
                counts[cluster] = 1
            }
        }
        var centroids = Matrix(rows: k, columns: d)
        for j in 0 ..< k where counts[j] > 0 {
            for c in 0 ..< d { centroids.values[j * d + c] = Float(sums[j * d + c] / Double(counts[j])) }
        }
        return centroids
    }
}

/// The within-cluster sum of squared Euclidean distances, computed directly (not by the gemm expansion).
func sumOfSquares(_ data: Matrix, labels: [Int], centroids: Matrix) -> Double {
    let d = data.columns
    let parts = Parallel.map(count: data.rows) { range -> Double in
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
    let n = data.rows, d = data.columns
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

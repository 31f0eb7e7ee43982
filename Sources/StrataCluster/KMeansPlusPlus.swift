import Foundation
import StrataMath

/// Greedy k-means++ seeding as scikit-learn does it: each new centre is the best of
/// `2 + ⌊ln k⌋` candidates drawn in proportion to the squared distance to the nearest centre so far.
///
/// The candidates' distances to every point are one gemm per step, run in parallel row blocks.
enum KMeansPlusPlus {
    static func centroids(_ data: Matrix, norms: [Float], k: Int, random: inout SeededRandom) -> Matrix {
        let n = data.rows
        let d = data.columns
        let trials = 2 + Int(log(Double(k)))
        var centers = Matrix(rows: k, columns: d)
        let first = min(n - 1, Int(random.nextUnit() * Double(n)))
        centers.values.replaceSubrange(0 ..< d, with: data.values[first * d ..< (first + 1) * d])

        var closest = [Float](repeating: 0, count: n)
        let firstRow = data.rows(at: [first])
        closest.withUnsafeMutableBufferPointer { out in
            let store = out  // workers write disjoint rows
            _ = Distances.forEachBlock(
                data, aNorms: norms, to: firstRow, bNorms: [norms[first]],
                { range, block, _ in
                    for (i, r) in range.enumerated() { store[r] = block[i] }
                }, initial: ())
        }
        var potential = closest.reduce(0.0) { $0 + Double($1) }

        var cumulative = [Double](repeating: 0, count: n)
        var candidateDistances = [Float](repeating: 0, count: n * trials)
        for c in 1 ..< k {
            var running = 0.0
            for i in 0 ..< n {
                running += Double(closest[i])
                cumulative[i] = running
            }
            let candidates = (0 ..< trials).map { _ in
                firstIndex(notBelow: random.nextUnit() * potential, in: cumulative)
            }
            let candidateRows = data.rows(at: candidates)
            let candidateNorms = candidates.map { norms[$0] }
            // Potential of each candidate: Σᵢ min(closestᵢ, ‖xᵢ − candidate‖²); keep the distances for the winner.
            let partials: [[Double]] = candidateDistances.withUnsafeMutableBufferPointer { store in
                let stored = store
                return Distances.forEachBlock(
                    data, aNorms: norms, to: candidateRows, bNorms: candidateNorms,
                    { range, block, sums in
                        for (i, r) in range.enumerated() {
                            let nearest = closest[r]
                            for t in 0 ..< trials {
                                let value = min(nearest, block[i * trials + t])
                                stored[r * trials + t] = value
                                sums[t] += Double(value)
                            }
                        }
                    }, initial: [Double](repeating: 0, count: trials))
            }
            var best = 0
            var bestPotential = Double.infinity
            for t in 0 ..< trials {
                let total = partials.reduce(0) { $0 + $1[t] }
                if total < bestPotential { (best, bestPotential) = (t, total) }
            }
            potential = bestPotential
            for i in 0 ..< n { closest[i] = candidateDistances[i * trials + best] }
            let chosen = candidates[best]
            centers.values.replaceSubrange(c * d ..< (c + 1) * d, with: data.values[chosen * d ..< (chosen + 1) * d])
        }
        return centers
    }

    /// The first index whose cumulative value reaches `value` (NumPy's `searchsorted`, side left), clipped to the end.
    private static func firstIndex(notBelow value: Double, in cumulative: [Double]) -> Int {
        var lo = 0
        var hi = cumulative.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return min(lo, cumulative.count - 1)
    }
}

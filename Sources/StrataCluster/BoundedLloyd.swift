import CBLAS
import StrataMath

/// Lloyd's iterations with Hamerly's bounds (Hamerly 2010): the same labels and centres as plain
/// Lloyd, but each point keeps an upper bound on the distance to its centre and a lower bound on the
/// distance to every other centre. While the upper bound stays below the larger of the lower bound
/// and half the gap from its centre to the nearest other centre, the point cannot change cluster and
/// skips its distances; the points that may change are gathered and get one gemm per block.
/// Late iterations, where few points move, then cost O(n) instead of O(n·k·d).
///
/// Stopping follows scikit-learn: labels unchanged between iterations, or total squared centre
/// shift ≤ `threshold`; an empty cluster takes the point farthest from its centre.
struct BoundedLloyd {
    let points: Matrix
    let norms: [Float]
    /// Keep centroids on the unit sphere (spherical k-means).
    let spherical: Bool

    struct Outcome {
        let labels: [Int]
        let centroids: Matrix
        let iterations: Int
    }

    /// Per-point state: labels, bounds (as distances, not squared) and the cluster sums they imply.
    private struct State {
        var labels: [Int]
        var upper: [Float]
        var lower: [Float]
        var sums: [Double]
        var counts: [Int]
    }

    func run(from start: Matrix, maxIterations: Int, threshold: Double) -> Outcome {
        let k = start.rows
        let d = points.columns
        var centroids = start
        var state = fullAssignment(centroids)
        var changedLast = -1  // label changes made by the assignment that produced the current labels
        var iterations = 0
        var current = true  // whether the labels belong to the current centroids
        while iterations < maxIterations {
            iterations += 1
            let relocated = relocateEmptyClusters(&state, centroids: centroids)
            var updated = Matrix(rows: k, columns: d)
            for j in 0 ..< k where state.counts[j] > 0 {
                for c in 0 ..< d { updated.values[j * d + c] = Float(state.sums[j * d + c] / Double(state.counts[j])) }
            }
            if spherical { updated.normalizeRows() }
            var shift = 0.0
            var moves = [Float](repeating: 0, count: k)
            for j in 0 ..< k {
                var s: Float = 0
                for c in 0 ..< d {
                    let diff = updated.values[j * d + c] - centroids.values[j * d + c]
                    s += diff * diff
                }
                shift += Double(s)
                moves[j] = s.squareRoot()
            }
            centroids = updated
            if changedLast == 0 { break }  // same labels as before, so the same centroids
            if shift <= threshold {
                current = false
                break
            }
            if relocated {
                state = fullAssignment(centroids)
                changedLast = -1
            } else {
                changedLast = boundedAssignment(&state, centroids: centroids, moves: moves)
            }
        }
        if !current { state = fullAssignment(centroids) }
        return Outcome(labels: state.labels, centroids: centroids, iterations: iterations)
    }

    /// Exact labels, bounds and sums for `centroids`.
    private func fullAssignment(_ centroids: Matrix) -> State {
        let pass = AssignmentPass(points, norms: norms, centroids: centroids, accumulate: true)
        return State(
            labels: pass.labels, upper: pass.distances.map { $0.squareRoot() },
            lower: pass.secondDistances.map { $0.squareRoot() }, sums: pass.sums, counts: pass.counts)
    }

    /// Gives each empty cluster the point farthest from its centre (scikit-learn's rule), moving it in
    /// the sums only; returns whether anything moved (the caller then reassigns every point exactly).
    private func relocateEmptyClusters(_ state: inout State, centroids: Matrix) -> Bool {
        let empty = (0 ..< centroids.rows).filter { state.counts[$0] == 0 }
        guard !empty.isEmpty else { return false }
        let d = points.columns
        let distances = (0 ..< points.rows).map { r -> Float in
            let l = state.labels[r]
            var s: Float = 0
            for c in 0 ..< d {
                let diff = points.values[r * d + c] - centroids.values[l * d + c]
                s += diff * diff
            }
            return s
        }
        let farthest = distances.indices.sorted { distances[$0] > distances[$1] }.prefix(empty.count)
        for (cluster, point) in zip(empty, farthest) {
            let old = state.labels[point]
            for c in 0 ..< d {
                let value = Double(points.values[point * d + c])
                state.sums[old * d + c] -= value
                state.sums[cluster * d + c] = value
            }
            state.counts[old] -= 1
            state.counts[cluster] = 1
        }
        return true
    }

    /// Loosens the bounds by how far the centroids moved, reassigns the points whose bounds no longer
    /// prove their label, updates the sums, and returns how many labels changed.
    private func boundedAssignment(_ state: inout State, centroids: Matrix, moves: [Float]) -> Int {
        let n = points.rows
        let d = points.columns
        let k = centroids.rows
        let centroidNorms = centroids.squaredRowNorms
        // Half the distance from each centroid to its nearest other centroid.
        var gaps = [Float](repeating: 0, count: k * k)
        var half = [Float](repeating: .infinity, count: k)
        if k > 1 {
            centroids.values.withUnsafeBufferPointer { c in
                centroidNorms.withUnsafeBufferPointer { cn in
                    Distances.squaredEuclidean(
                        c.baseAddress!, norms: cn.baseAddress!, rows: 0 ..< k, to: c.baseAddress!,
                        norms: cn.baseAddress!,
                        count: k, columns: d, into: &gaps)
                }
            }
            for j in 0 ..< k {
                for q in 0 ..< k where q != j { half[j] = min(half[j], gaps[j * k + q]) }
                half[j] = half[j].squareRoot() / 2
            }
        }
        let largest = moves.indices.max { moves[$0] < moves[$1] } ?? 0
        let secondLargest = moves.indices.filter { $0 != largest }.map { moves[$0] }.max() ?? 0
        let blockRows = Distances.blockRows

        let changes: [[(row: Int, from: Int, to: Int)]] =
            state.labels.withUnsafeMutableBufferPointer { lp in
                state.upper.withUnsafeMutableBufferPointer { up in
                    state.lower.withUnsafeMutableBufferPointer { lo in
                        points.values.withUnsafeBufferPointer { x in
                            centroids.values.withUnsafeBufferPointer { c in
                                norms.withUnsafeBufferPointer { xn in
                                    centroidNorms.withUnsafeBufferPointer { cn in
                                        let (labels, upper, lower) = (lp, up, lo)
                                        return ParallelLoop.map(count: n, minimumPerWorker: 512) {
                                            range -> [(row: Int, from: Int, to: Int)] in
                                            var changed = [(row: Int, from: Int, to: Int)]()
                                            var open = [Int]()
                                            let gathered = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * d)
                                            let gatheredNorms = UnsafeMutablePointer<Float>.allocate(
                                                capacity: blockRows)
                                            let block = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * k)
                                            defer {
                                                gathered.deallocate()
                                                gatheredNorms.deallocate()
                                                block.deallocate()
                                            }
                                            var start = range.lowerBound
                                            while start < range.upperBound {
                                                let end = min(range.upperBound, start + blockRows)
                                                open.removeAll(keepingCapacity: true)
                                                for r in start ..< end {
                                                    let a = labels[r]
                                                    upper[r] += moves[a]
                                                    lower[r] -= a == largest ? secondLargest : moves[largest]
                                                    let bound = max(half[a], lower[r])
                                                    if upper[r] <= bound { continue }
                                                    let dot = cblas_sdot(
                                                        Int32(d), x.baseAddress! + r * d, 1, c.baseAddress! + a * d, 1)
                                                    upper[r] = max(0, xn[r] + cn[a] - 2 * dot).squareRoot()
                                                    if upper[r] <= bound { continue }
                                                    open.append(r)
                                                }
                                                if !open.isEmpty {
                                                    for (i, r) in open.enumerated() {
                                                        (gathered + i * d).update(
                                                            from: x.baseAddress! + r * d, count: d)
                                                        gatheredNorms[i] = xn[r]
                                                    }
                                                    Distances.squaredEuclidean(
                                                        gathered, norms: gatheredNorms, rows: 0 ..< open.count,
                                                        to: c.baseAddress!,
                                                        norms: cn.baseAddress!, count: k, columns: d, into: block)
                                                    for (i, r) in open.enumerated() {
                                                        let (best, bestDistance, second) = nearestTwo(
                                                            block + i * k, count: k)
                                                        if best != labels[r] {
                                                            changed.append((r, labels[r], best))
                                                            labels[r] = best
                                                        }
                                                        upper[r] = bestDistance.squareRoot()
                                                        lower[r] = second.squareRoot()
                                                    }
                                                }
                                                start = end
                                            }
                                            return changed
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        var count = 0
        for part in changes {
            for change in part {
                count += 1
                state.counts[change.from] -= 1
                state.counts[change.to] += 1
                for q in 0 ..< d {
                    let value = Double(points.values[change.row * d + q])
                    state.sums[change.from * d + q] -= value
                    state.sums[change.to * d + q] += value
                }
            }
        }
        return count
    }
}

/// Minimum-cost assignment (Kuhn–Munkres with potentials, O(n²·m)) and its use for keeping
/// cluster ids stable between runs.
public enum Hungarian {
    /// For a `rows × columns` cost matrix with `rows ≤ columns`, the column assigned to each row
    /// such that the total cost is minimal.
    public static func assignment(costs: [[Double]]) -> [Int] {
        let n = costs.count
        guard n > 0 else { return [] }
        let m = costs[0].count
        precondition(n <= m && costs.allSatisfy { $0.count == m }, "expected a rectangular matrix with rows ≤ columns")
        // 1-based arrays as in the classic formulation; column 0 is a sentinel.
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: m + 1)
        var owner = [Int](repeating: 0, count: m + 1)
        var way = [Int](repeating: 0, count: m + 1)
        for i in 1 ... n {
            owner[0] = i
            var j0 = 0
            var minimum = [Double](repeating: .infinity, count: m + 1)
            var used = [Bool](repeating: false, count: m + 1)
            repeat {
                used[j0] = true
                let i0 = owner[j0]
                var delta = Double.infinity
                var j1 = 0
                for j in 1 ... m where !used[j] {
                    let reduced = costs[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < minimum[j] { (minimum[j], way[j]) = (reduced, j0) }
                    if minimum[j] < delta { (delta, j1) = (minimum[j], j) }
                }
                for j in 0 ... m {
                    if used[j] {
                        u[owner[j]] += delta
                        v[j] -= delta
                    } else {
                        minimum[j] -= delta
                    }
                }
                j0 = j1
            } while owner[j0] != 0
            repeat {
                let j1 = way[j0]
                owner[j0] = owner[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int](repeating: -1, count: n)
        for j in 1 ... m where owner[j] != 0 { result[owner[j] - 1] = j - 1 }
        return result
    }

    /// Renames the clusters of `labels` so they overlap the clusters of `reference` (the previous run)
    /// as much as possible; clusters without a partner get fresh ids above the reference's, and noise
    /// (−1) stays −1. Use it so segment ids stay stable between runs.
    public static func matchLabels(_ labels: [Int], to reference: [Int]) throws -> [Int] {
        guard labels.count == reference.count else {
            throw ClusterError.lengthMismatch(what: "reference labels", expected: labels.count, found: reference.count)
        }
        let new = Array(Set(labels.filter { $0 >= 0 })).sorted()
        let old = Array(Set(reference.filter { $0 >= 0 })).sorted()
        let newIndex = Dictionary(uniqueKeysWithValues: new.enumerated().map { ($1, $0) })
        let oldIndex = Dictionary(uniqueKeysWithValues: old.enumerated().map { ($1, $0) })
        let size = max(new.count, old.count)
        var overlap = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        for (a, b) in zip(labels, reference) {
            guard let i = newIndex[a], let j = oldIndex[b] else { continue }
            overlap[i][j] -= 1
        }
        let assigned = assignment(costs: overlap)
        var nextFresh = (old.last ?? -1) + 1
        var rename = [Int: Int]()
        for (i, label) in new.enumerated() {
            let j = assigned[i]
            if j < old.count {
                rename[label] = old[j]
            } else {
                rename[label] = nextFresh
                nextFresh += 1
            }
        }
        return labels.map { $0 < 0 ? $0 : rename[$0]! }
    }
}

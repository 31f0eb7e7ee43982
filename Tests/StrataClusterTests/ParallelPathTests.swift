import StrataMath
import Testing

@testable import StrataCluster

/// Enough rows that the row-parallel paths (two or more workers) run, checked against naive loops.
@Suite struct ParallelPathTests {
    static let (data, truth): (Matrix, [Int]) = {
        var random = SeededRandom(seed: 11)
        let centres: [[Double]] = [[0, 0, 0], [8, 0, 0], [0, 8, 4]]
        var rows = [[Float]]()
        var labels = [Int]()
        for i in 0 ..< 1500 {
            let c = i % 3
            rows.append(centres[c].map { Float($0 + random.nextGaussian()) })
            labels.append(c)
        }
        return (Matrix(rowVectors: rows), labels)
    }()

    static func distance(_ values: UnsafeBufferPointer<Float>, _ a: Int, _ b: Int) -> Double {
        let (x, y, z) = (
            values[3 * a] - values[3 * b], values[3 * a + 1] - values[3 * b + 1], values[3 * a + 2] - values[3 * b + 2]
        )
        return Double(x * x + y * y + z * z).squareRoot()
    }

    @Test func kMeansMatchesTheTruthAndANaiveInertia() throws {
        let result = try KMeans(k: 3, seed: 5).fit(Self.data)
        #expect(try ClusterMetrics.adjustedRandIndex(result.labels, Self.truth) > 0.99)
        var naive = 0.0
        for r in 0 ..< Self.data.rows {
            for c in 0 ..< 3 {
                let diff = Double(Self.data[r, c] - result.centroids[result.labels[r], c])
                naive += diff * diff
            }
        }
        #expect(abs(result.inertia - naive) / naive < 1e-6)
    }

    @Test func silhouetteMatchesANaiveComputation() throws {
        let n = Self.data.rows
        var total = 0.0
        for i in 0 ..< n {
            var sums = [0.0, 0.0, 0.0]
            var sizes = [0, 0, 0]
            Self.data.values.withUnsafeBufferPointer { values in
                for j in 0 ..< n where j != i {
                    sums[Self.truth[j]] += Self.distance(values, i, j)
                    sizes[Self.truth[j]] += 1
                }
            }
            let own = Self.truth[i]
            let a = sums[own] / Double(sizes[own])
            let b = (0 ..< 3).filter { $0 != own }.map { sums[$0] / Double(sizes[$0]) }.min()!
            total += (b - a) / max(a, b)
        }
        #expect(abs(try ClusterMetrics.silhouette(Self.data, labels: Self.truth) - total / Double(n)) < 1e-6)
    }

    @Test func densityMethodsFindTheThreeGroups() throws {
        #expect(
            try ClusterMetrics.adjustedRandIndex(HDBSCAN(minClusterSize: 50).fit(Self.data).labels, Self.truth) > 0.95)
        let dbscan = try DBSCAN(eps: 1.2, minSamples: 10).fit(Self.data)
        #expect(dbscan.clusterCount == 3)
    }
}

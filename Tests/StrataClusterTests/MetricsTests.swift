import StrataMath
import Testing

@testable import StrataCluster

@Suite struct MetricsTests {
    let data: Matrix
    let ref: [String: Any]
    let labels: [Int]
    let truth: [Int]

    init() throws {
        data = try Fixtures.matrix("kmeans")
        ref = try Fixtures.section("metrics")
        labels = try Fixtures.section("kmeans").ints("labels")
        truth = try Fixtures.section("kmeans").ints("truth")
    }

    @Test func silhouetteMatchesScikitLearn() throws {
        #expect(abs(try ClusterMetrics.silhouette(data, labels: labels) - ref.double("silhouette_euclidean")) < 1e-6)
        #expect(
            abs(try ClusterMetrics.silhouette(data, labels: labels, metric: .cosine) - ref.double("silhouette_cosine"))
                < 1e-6)
    }

    @Test func sampledSilhouetteIsCloseToExact() throws {
        let sampled = try ClusterMetrics.sampledSilhouette(data, labels: labels, sampleSize: 400, seed: 1)
        #expect(abs(sampled - ref.double("silhouette_euclidean")) < 0.05)
    }

    @Test func daviesBouldinAndCalinskiHarabaszMatchScikitLearn() throws {
        #expect(abs(try ClusterMetrics.daviesBouldin(data, labels: labels) - ref.double("davies_bouldin")) < 1e-6)
        #expect(abs(try ClusterMetrics.calinskiHarabasz(data, labels: labels) - ref.double("calinski_harabasz")) < 1e-6)
    }

    @Test func externalIndicesMatchScikitLearn() throws {
        #expect(abs(try ClusterMetrics.adjustedRandIndex(truth, labels) - ref.double("ari")) < 1e-9)
        #expect(abs(try ClusterMetrics.normalizedMutualInformation(truth, labels) - ref.double("nmi")) < 1e-9)
    }

    @Test func handComputedSmallCases() throws {
        // Identical partitions up to renaming score 1; the classic 6-point example has ARI 0.24242…
        #expect(try ClusterMetrics.adjustedRandIndex([0, 0, 1, 1], [5, 5, 3, 3]) == 1)
        #expect(abs(try ClusterMetrics.adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) - 0.242424242) < 1e-6)
        #expect(abs(try ClusterMetrics.normalizedMutualInformation([0, 0, 1, 1], [0, 0, 1, 1]) - 1) < 1e-12)
        #expect(abs(try ClusterMetrics.normalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1])) < 1e-12)
        // Two pairs 1 apart, 10 apart from each other: a = 1, b ≈ 10.05, inertia = 4 · 0.5².
        let points = Matrix(rowVectors: [[0, 0], [0, 1], [10, 0], [10, 1]])
        #expect(abs(try ClusterMetrics.inertia(points, labels: [0, 0, 1, 1]) - 1) < 1e-9)
        let b = (10.0 + 101.0.squareRoot()) / 2
        #expect(abs(try ClusterMetrics.silhouette(points, labels: [0, 0, 1, 1]) - (b - 1) / b) < 1e-6)
        #expect(throws: ClusterError.self) { try ClusterMetrics.silhouette(points, labels: [0, 0, 0, 0]) }
        #expect(throws: ClusterError.self) { try ClusterMetrics.adjustedRandIndex([0, 1], [0]) }
    }

    @Test func hungarianMatchingKeepsIdsStable() throws {
        #expect(Hungarian.assignment(costs: [[4, 1, 3], [2, 0, 5], [3, 2, 2]]) == [1, 0, 2])
        let previous = [0, 0, 1, 1, 2, 2, -1]
        let renamed = [7, 7, 3, 3, 9, 9, -1]
        #expect(try Hungarian.matchLabels(renamed, to: previous) == previous)
        // A new extra cluster gets a fresh id beyond the old ones.
        #expect(try Hungarian.matchLabels([1, 1, 0, 0, 2, 5], to: [0, 0, 1, 1, 2, 2]) == [0, 0, 1, 1, 2, 3])
    }
}

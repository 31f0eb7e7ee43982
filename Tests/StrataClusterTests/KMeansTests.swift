import StrataMath
import Testing

@testable import StrataCluster

@Suite struct KMeansTests {
    @Test func lloydFromScikitLearnCentresReproducesItsLabelsAndInertia() throws {
        let data = try Fixtures.matrix("kmeans")
        let ref = try Fixtures.section("kmeans")
        let k = ref.int("k")
        let initial = Matrix(rows: k, columns: data.columns, values: ref.doubles("init").map(Float.init))
        let result = try KMeans(k: k).fit(data, initialCentroids: initial)
        #expect(abs(result.inertia - ref.double("inertia")) / ref.double("inertia") < 1e-5)
        #expect(result.labels == ref.ints("labels"))
    }

    @Test func seededKMeansPlusPlusReachesScikitLearnsObjective() throws {
        let data = try Fixtures.matrix("kmeans")
        let ref = try Fixtures.section("kmeans")
        let result = try KMeans(k: 8, nInit: 3, seed: 42).fit(data)
        #expect(result.inertia <= ref.double("sklearn_kmeanspp_inertia") * 1.01)
        #expect(Set(result.labels).count == 8)
        // The same seed gives the same clustering.
        #expect(try KMeans(k: 8, nInit: 3, seed: 42).fit(data).labels == result.labels)
    }

    @Test func handComputedTwoClusterExample() throws {
        let data = Matrix(rowVectors: [[0, 0], [0, 2], [10, 0], [10, 2]])
        let result = try KMeans(k: 2, seed: 1).fit(data)
        #expect(result.labels[0] == result.labels[1] && result.labels[2] == result.labels[3])
        #expect(result.labels[0] != result.labels[2])
        #expect(abs(result.inertia - 4) < 1e-6)  // four points, each 1 from its centre
        #expect(result.assign(Matrix(rowVectors: [[9, 1]])) == [result.labels[2]])
    }

    @Test func sphericalVariantClustersByDirection() throws {
        // Two directions at very different lengths: cosine groups by angle, not by magnitude.
        let data = Matrix(rowVectors: [[1, 0.1], [50, 4], [0.1, 1], [3, 40], [2, 0.1], [0.2, 9]])
        let result = try KMeans(k: 2, nInit: 2, metric: .cosine, seed: 3).fit(data)
        #expect(result.labels[0] == result.labels[1] && result.labels[1] == result.labels[4])
        #expect(result.labels[2] == result.labels[3] && result.labels[3] == result.labels[5])
        for r in 0 ..< 2 { #expect(abs(VectorMath.norm(result.centroids.row(r)) - 1) < 1e-5) }
    }

    @Test func emptyClusterTakesTheFarthestPoint() throws {
        // A start with a centre far from every point leaves it empty; it must be relocated, not left NaN.
        let data = Matrix(rowVectors: [[0, 0], [0, 1], [5, 5], [5, 6], [20, 20]])
        let start = Matrix(rowVectors: [[0, 0.5], [5, 5.5], [1000, 1000]])
        let result = try KMeans(k: 3).fit(data, initialCentroids: start)
        #expect(Set(result.labels).count == 3)
        #expect(result.labels[4] != result.labels[0] && result.labels[4] != result.labels[2])
        #expect(abs(result.inertia - 1) < 1e-5)
    }
}

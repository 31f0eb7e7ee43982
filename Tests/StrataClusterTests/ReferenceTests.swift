import StrataMath
import Testing

@testable import StrataCluster

/// Labels and values against scikit-learn and the hdbscan package on the same fixtures.
@Suite struct ReferenceTests {
    func ari(_ a: [Int], _ b: [Int]) throws -> Double { try ClusterMetrics.adjustedRandIndex(a, b) }

    @Test func dbscanMatchesScikitLearn() throws {
        let ref = try Fixtures.section("dbscan")
        let labels = try DBSCAN(eps: Float(ref.double("eps")), minSamples: ref.int("min_samples"))
            .fit(Fixtures.matrix("density")).labels
        #expect(try ari(labels, ref.ints("labels")) >= 0.99)
        #expect(labels.filter { $0 < 0 }.count == ref.ints("labels").filter { $0 < 0 }.count)

        let cosine = try Fixtures.section("dbscan_cosine")
        let cosineLabels = try DBSCAN(
            eps: Float(cosine.double("eps")), minSamples: cosine.int("min_samples"), metric: .cosine
        )
        .fit(Fixtures.matrix("cosine")).labels
        #expect(try ari(cosineLabels, cosine.ints("labels")) >= 0.99)
    }

    @Test func hdbscanMatchesTheHdbscanPackage() throws {
        let data = try Fixtures.matrix("density")
        let ref = try Fixtures.section("hdbscan")
        let result = try HDBSCAN(minClusterSize: ref.int("min_cluster_size")).fit(data)
        #expect(try ari(result.labels, ref.ints("labels")) >= 0.95)
        let probabilities = ref.doubles("probabilities")
        let meanError = zip(result.probabilities, probabilities).map { abs($0 - $1) }.reduce(0, +) / Double(data.rows)
        #expect(meanError < 0.01)

        let small = try Fixtures.section("hdbscan_min_samples")
        let other = try HDBSCAN(minClusterSize: small.int("min_cluster_size"), minSamples: small.int("min_samples"))
            .fit(data)
        #expect(try ari(other.labels, small.ints("labels")) >= 0.95)
    }

    @Test(arguments: ["ward_euclidean", "average_euclidean", "complete_euclidean", "average_cosine", "complete_cosine"])
    func agglomerativeMatchesScikitLearn(_ name: String) throws {
        let parts = name.split(separator: "_").map(String.init)
        let ref = try Fixtures.section("agglomerative", name)
        let dendrogram = try AgglomerativeClustering(
            linkage: Linkage(rawValue: parts[0])!, metric: Metric(rawValue: parts[1])!
        )
        .fit(Fixtures.matrix("agglomerative"))
        #expect(try ari(dendrogram.labels(clusterCount: 5), ref.ints("labels")) >= 0.99)
        let heights = ref.doubles("distances")
        #expect(dendrogram.merges.count == heights.count)
        let worst = zip(dendrogram.merges.map(\.distance), heights).map { abs(Double($0) - $1) / max(1e-3, $1) }.max()!
        #expect(worst < 1e-3)
        // Cutting just above the height of the (n − 5)th merge gives the same five clusters.
        let threshold = Float(heights[heights.count - 5] + heights[heights.count - 4]) / 2
        #expect(try ari(dendrogram.labels(distanceThreshold: threshold), ref.ints("labels")) >= 0.99)
    }

    @Test(arguments: [CovarianceType.diagonal, .spherical])
    func gaussianMixtureMatchesScikitLearn(_ covariance: CovarianceType) throws {
        let ref = try Fixtures.section("gmm", covariance.rawValue)
        let result = try GaussianMixture(components: 4, covariance: covariance).fit(Fixtures.matrix("gmm"))
        #expect(try ari(result.labels, ref.ints("labels")) >= 0.99)
        #expect(abs(result.bic - ref.double("bic")) / abs(ref.double("bic")) < 1e-3)
        #expect(abs(result.meanLogLikelihood - ref.double("mean_log_likelihood")) < 1e-3)
        #expect(result.variances.rows == 4 && result.variances.columns == (covariance == .diagonal ? 3 : 1))
        let rowSums = (0 ..< result.posteriors.rows).map { r in result.posteriors.row(r).reduce(0, +) }
        #expect(rowSums.allSatisfy { abs($0 - 1) < 1e-4 })
    }

    @Test func bicCurveMatchesScikitLearn() throws {
        let ref = try Fixtures.section("gmm", "bic_by_k")
        let choice = try KSelection.byBIC(Fixtures.matrix("gmm"), ks: 2 ... 6)
        // Up to the true k the optimum is unique; beyond it EM may settle in another local optimum.
        for (k, score) in choice.scores where k <= 4 {
            #expect(abs(score - ref.double("\(k)")) / abs(ref.double("\(k)")) < 1e-5)
        }
        #expect(choice.best == 4)
    }

    @Test func pcaMatchesScikitLearn() throws {
        let data = try Fixtures.matrix("pca")
        let ref = try Fixtures.section("pca")
        let pca = try PCA(fitting: data, components: 3)
        for (a, b) in zip(pca.explainedVariance, ref.doubles("explained_variance")) {
            #expect(abs(Double(a) - b) / b < 1e-3)
        }
        for (a, b) in zip(pca.explainedVarianceRatio, ref.doubles("explained_variance_ratio")) {
            #expect(abs(Double(a) - b) < 1e-4)
        }
        // Axes are defined up to sign: compare each projected column up to sign.
        let projected = pca.transform(data)
        let expected = ref.doubles("transformed")
        for c in 0 ..< 3 {
            let ours = (0 ..< data.rows).map { Double(projected[$0, c]) }
            let theirs = (0 ..< data.rows).map { expected[$0 * 3 + c] }
            let sign = zip(ours, theirs).map { $0 * $1 }.reduce(0, +) < 0 ? -1.0 : 1.0
            let worst = zip(ours, theirs).map { abs(sign * $0 - $1) }.max()!
            #expect(worst < 1e-3)
        }
    }
}

import StrataCluster
import StrataMath
import Testing

/// Every method behind the `Clusterer` protocol gives what its own `fit` gives, and agglomerative
/// clustering is cut at the asked level.
@Suite struct ClustererTests {
    /// Three tight groups of ten points in 2-d.
    static let data: Matrix = {
        var random = SeededRandom(seed: 3)
        let centres: [[Float]] = [[0, 0], [10, 0], [0, 10]]
        return Matrix(
            rowVectors: (0 ..< 30).map { i in centres[i / 10].map { $0 + Float(random.nextGaussian()) * 0.3 } })
    }()

    @Test func everyMethodGivesItsOwnFitsLabels() throws {
        let data = Self.data
        #expect(try KMeans(k: 3, seed: 1).cluster(data).labels == KMeans(k: 3, seed: 1).fit(data).labels)
        #expect(try KMeans(k: 3, seed: 1).cluster(data).inertia == KMeans(k: 3, seed: 1).fit(data).inertia)
        #expect(
            try MiniBatchKMeans(k: 3, seed: 1).cluster(data).labels == MiniBatchKMeans(k: 3, seed: 1).fit(data).labels)
        #expect(
            try DBSCAN(eps: 2, minSamples: 3).cluster(data).labels == DBSCAN(eps: 2, minSamples: 3).fit(data).labels)
        #expect(try HDBSCAN(minClusterSize: 5).cluster(data).labels == HDBSCAN(minClusterSize: 5).fit(data).labels)
        let mixture = try GaussianMixture(components: 3, seed: 1).cluster(data)
        #expect(mixture.labels == (try GaussianMixture(components: 3, seed: 1).fit(data).labels))
        #expect(mixture.posteriors?.rows == 30 && mixture.bic != nil)
    }

    @Test func agglomerativeIsCutAtTheAskedLevel() throws {
        let byCount = try AgglomerativeCut(level: .clusterCount(3)).cluster(Self.data).labels
        #expect(Set(byCount).count == 3)
        #expect((0 ..< 3).allSatisfy { group in Set(byCount[(group * 10) ..< (group * 10 + 10)]).count == 1 })
        // Groups are 10 apart, points within one well under 5: a cut at 5 gives the three groups.
        let byDistance = try AgglomerativeCut(AgglomerativeClustering(linkage: .complete), level: .distance(5)).cluster(
            Self.data
        ).labels
        #expect(Set(byDistance).count == 3)
    }
}

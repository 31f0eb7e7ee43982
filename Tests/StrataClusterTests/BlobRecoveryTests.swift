import StrataMath
import Testing

@testable import StrataCluster

/// Every algorithm must recover well-separated Gaussian blobs (ARI ≥ 0.99).
@Suite struct BlobRecoveryTests {
    let data: Matrix
    let truth: [Int]

    init() throws {
        data = try Fixtures.matrix("blobs")
        truth = try Fixtures.section("blobs").ints("truth")
    }

    func ari(_ labels: [Int]) throws -> Double { try ClusterMetrics.adjustedRandIndex(labels, truth) }

    @Test func kMeansAndItsVariants() throws {
        #expect(try ari(KMeans(k: 4, seed: 1).fit(data).labels) >= 0.99)
        #expect(try ari(KMeans(k: 4, metric: .cosine, seed: 1).fit(data).labels) >= 0.99)
        #expect(try ari(MiniBatchKMeans(k: 4, batchSize: 64, seed: 1).fit(data).labels) >= 0.99)
    }

    @Test func densityMethods() throws {
        #expect(try ari(DBSCAN(eps: 3, minSamples: 5).fit(data).labels) >= 0.99)
        #expect(try ari(HDBSCAN(minClusterSize: 15).fit(data).labels) >= 0.99)
    }

    @Test func hierarchiesAndMixtures() throws {
        for linkage in Linkage.allCases {
            #expect(try ari(AgglomerativeClustering(linkage: linkage).fit(data).labels(clusterCount: 4)) >= 0.99)
        }
        #expect(try ari(GaussianMixture(components: 4, covariance: .diagonal).fit(data).labels) >= 0.99)
        #expect(try ari(GaussianMixture(components: 4, covariance: .spherical).fit(data).labels) >= 0.99)
    }

    @Test func choosingKFindsFourBlobs() throws {
        #expect(try KSelection.bySilhouette(data, ks: 2 ... 7).best == 4)
        #expect(try KSelection.byBIC(data, ks: 2 ... 7).best == 4)
    }

    @Test func onlineKMeansFollowsTheStream() throws {
        let start = try KMeans(k: 4, seed: 1).fit(data)
        var online = try OnlineKMeans(centroids: start.centroids, forgetting: 1)
        for r in 0 ..< data.rows { #expect(online.update(point: data.row(r)) == start.labels[r]) }
    }
}

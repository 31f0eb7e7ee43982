import StrataCluster
import StrataMath
import Testing

/// Methods quadratic in the points refuse inputs past their limit with a message, instead of
/// allocating n² memory or running for hours.
@Suite struct PointLimitTests {
    let points = Matrix(rowVectors: (0 ..< 40).map { [Float($0 % 7), Float($0 / 7)] })

    @Test func agglomerativeRefusesMorePointsThanItsLimit() throws {
        let error = #expect(throws: ClusterError.self) {
            try AgglomerativeClustering(maximumPoints: 30).fit(points)
        }
        #expect(error?.description.contains("agglomerative clustering of 40 points needs") == true)
        #expect(error?.description.contains("use k-means or mini-batch k-means") == true)
        #expect(try AgglomerativeClustering(maximumPoints: 40).fit(points).pointCount == 40)
    }

    @Test func hdbscanRefusesMorePointsThanItsLimit() throws {
        let error = #expect(throws: ClusterError.self) {
            try HDBSCAN(minClusterSize: 5, maximumPoints: 39).fit(points)
        }
        #expect(error?.description.contains("HDBSCAN of 40 points") == true)
        #expect(try HDBSCAN(minClusterSize: 5, maximumPoints: 40).fit(points).labels.count == 40)
    }
}

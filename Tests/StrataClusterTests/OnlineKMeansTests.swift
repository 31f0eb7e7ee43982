import Foundation
import StrataMath
import Testing

@testable import StrataCluster

@Suite struct OnlineKMeansTests {
    @Test func withoutForgettingCentresAreRunningMeans() throws {
        var online = try OnlineKMeans(centroids: Matrix(rowVectors: [[0, 0], [10, 10]]), weights: [1, 1])
        #expect(online.update(point: [2, 0]) == 0)  // (0 + 2) / 2
        #expect(online.update(point: [4, 3]) == 0)  // (0 + 2 + 4) / 3, (0 + 0 + 3) / 3
        #expect(online.update(point: [12, 10]) == 1)
        #expect(online.centroids == Matrix(rowVectors: [[2, 1], [11, 10]]))
        #expect(online.weights == [3, 2])
    }

    @Test func forgettingLetsACentreFollowDrift() throws {
        var forgetful = try OnlineKMeans(centroids: Matrix(rowVectors: [[0]]), weights: [100], forgetting: 0.9)
        var exact = try OnlineKMeans(centroids: Matrix(rowVectors: [[0]]), weights: [100], forgetting: 1)
        for _ in 0 ..< 50 {
            forgetful.update(point: [5])
            exact.update(point: [5])
        }
        // The weight decays to a memory of ~1/(1 − 0.9) = 10 points, so the centre moves most of the way to 5,
        // while the exact running mean stays at 250 / 150.
        #expect(forgetful.centroids[0, 0] > 4.5)
        #expect(abs(exact.centroids[0, 0] - 5 * 50 / 150) < 1e-4)
        let decay: Double = pow(0.9, 50)
        let expectedWeight: Double = 100 * decay + (1 - decay) / 0.1
        #expect(abs(forgetful.weights[0] - expectedWeight) < 1e-9)
    }

    @Test func rejectsBadParameters() {
        #expect(throws: ClusterError.self) { try OnlineKMeans(centroids: Matrix(rowVectors: [[0]]), forgetting: 0) }
        #expect(throws: ClusterError.self) { try OnlineKMeans(centroids: Matrix(rowVectors: [[0]]), weights: [1, 2]) }
        #expect(throws: ClusterError.self) { try OnlineKMeans(centroids: Matrix(rows: 0, columns: 2)) }
    }
}

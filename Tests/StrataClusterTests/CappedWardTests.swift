import StrataMath
import Testing

@testable import StrataCluster

/// Capped Ward against scikit-learn's Ward (`AgglomerativeClustering(linkage="ward")`) where the cap does not
/// bind, and against hand-worked merges where it does.
@Suite struct CappedWardTests {
    /// Three clusters: three points near the origin, three near (5, 5), two near (9, 0).
    static let points = Matrix(rowVectors: [
        [0, 0], [0.2, 0], [0, 0.3], [5, 5], [5.1, 5.2], [9, 0], [9.3, 0.1], [4.8, 5.1]
    ])

    @Test func withoutABindingCapItCutsAsScikitLearnsWard() throws {
        let merges = try CappedWard().merges(Self.points, weights: Array(repeating: 1, count: 8), cap: 8)
        #expect(merges.fewestGroups == 1)
        // scikit-learn 1.9's labels, renumbered by first point.
        #expect(merges.labels(clusterCount: 2) == [0, 0, 0, 1, 1, 1, 1, 1])
        #expect(merges.labels(clusterCount: 3) == [0, 0, 0, 1, 1, 2, 2, 1])
        #expect(merges.labels(clusterCount: 4) == [0, 0, 1, 2, 2, 3, 3, 2])
    }

    /// Ward's next merge after the three clusters joins (5, 5)'s three points with (9, 0)'s two: weight 5,
    /// refused under a cap of 4; the origin's three with either would weigh 5 or 6, refused too.
    @Test func aMergePastTheCapIsRefused() throws {
        let merges = try CappedWard().merges(Self.points, weights: Array(repeating: 1, count: 8), cap: 4)
        #expect(merges.fewestGroups == 3)
        #expect(merges.labels(clusterCount: 2) == [0, 0, 0, 1, 1, 2, 2, 1])
        // The origin's points weighing 1 together, (5, 5)'s 3 and (9, 0)'s 1: under a cap of 3 the origin joins
        // (9, 0) (weight 2), though (5, 5) is nearer, and (5, 5) stays alone.
        let light = try CappedWard().merges(Self.points, weights: [0.5, 0.25, 0.25, 1, 1, 0.5, 0.5, 1], cap: 3)
        #expect(light.labels(clusterCount: 1) == [0, 0, 0, 1, 1, 0, 0, 1])
    }

    @Test func weightsMustMatchTheRows() {
        #expect(throws: ClusterError.self) {
            try CappedWard().merges(Self.points, weights: [1, 1], cap: 8)
        }
    }
}

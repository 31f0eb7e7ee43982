import StrataCluster
import StrataCore
import StrataMath

/// User segments for segment popularity: k-means on the users' deep-layer vectors, k chosen by
/// silhouette. (A stand-in until the segment stage provides segments.)
public enum ProvisionalSegments {
    /// Segment of every profile's user; empty when there are too few users to cluster.
    public static func fit(_ profiles: [UserProfile], ks: ClosedRange<Int> = 2 ... 12, seed: UInt64 = 0) throws -> [String: Int] {
        let usable = profiles.filter { $0.deep.vector.contains { $0 != 0 } }
        guard usable.count > ks.upperBound + 1 else { return [:] }
        let vectors = Matrix(rowVectors: usable.map(\.deep.vector))
        let k = try KSelection.bySilhouette(vectors, ks: ks, metric: .cosine, seed: seed).best
        let labels = try KMeans(k: k, nInit: 3, metric: .cosine, seed: seed).fit(vectors).labels
        return Dictionary(uniqueKeysWithValues: zip(usable.map(\.user), labels))
    }
}

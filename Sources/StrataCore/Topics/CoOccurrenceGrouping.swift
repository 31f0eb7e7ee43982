import Foundation
import StrataCluster
import StrataMath

/// Every user's interacted item ids in time order, one call of `visit` a user: how the topic stage reads
/// the event log without holding it (a store streams it user by user).
public typealias UserHistories = (_ visit: ([String]) throws -> Void) throws -> Void

/// Coarse topics for a catalog whose items have no text (ids and category ids only, as a shop log's):
/// there the item vectors embed category-id strings, whose nearness means nothing, so fine topics are
/// grouped by what users do instead — two fine topics are near when users meet them within a few
/// events of each other.
///
/// The counts of such meetings become a PPMI matrix, its rows are reduced by PCA to a low-rank
/// embedding (as GloVe or item2vec embed words by their contexts) and unit-normalised, and the fine
/// topics merge by Ward while no coarse topic would hold more than `largestShare` of the items.
/// On taobao-dev (283 fine topics, 34 coarse) a user's top 3 coarse topics from their past held 50.0% of
/// their future events, against 42.8% for random groupings of the same sizes and 40.2% for Ward on the
/// category-id embeddings (BENCHMARKS.md). Memory: `topicCount`² counts and one user's history.
public struct CoOccurrenceGrouping: Sendable {
    /// How many following events (after merging runs of one fine topic) count as met together.
    public var window = 5
    /// The dimensions of the embedding the fine topics are merged in.
    public var components = 16
    /// The largest share of the catalog's items one coarse topic may hold.
    public var largestShare = 0.1

    public init() {}

    /// The symmetric `topicCount × topicCount` counts (row-major) of fine topics met within `window`
    /// events of each other in `histories`; items without a topic are skipped, a topic with itself is not
    /// counted. Memory: the counts and one user's history.
    func counts(_ histories: UserHistories, topicOf: [String: Int], topicCount: Int) throws -> [Double] {
        var counts = [Double](repeating: 0, count: topicCount * topicCount)
        try histories { items in
            var run = [Int]()
            for item in items {
                guard let topic = topicOf[item], topic != run.last else { continue }
                run.append(topic)
            }
            for (i, a) in run.enumerated() {
                for b in run[(i + 1) ..< min(run.count, i + 1 + window)] where a != b {
                    counts[a * topicCount + b] += 1
                    counts[b * topicCount + a] += 1
                }
            }
        }
        return counts
    }

    /// Positive pointwise mutual information of symmetric `counts` (`n × n`): max(0, log(c·N / (rᵢ·rⱼ)))
    /// with N the total and rᵢ the row sums; 0 where a pair was never met.
    static func ppmi(_ counts: [Double], n: Int) -> Matrix {
        let rows = (0 ..< n).map { i in counts[(i * n) ..< ((i + 1) * n)].reduce(0, +) }
        let total = rows.reduce(0, +)
        var ppmi = Matrix(rows: n, columns: n)
        for i in 0 ..< n {
            for j in 0 ..< n where counts[i * n + j] > 0 {
                ppmi[i, j] = Float(max(0, log(counts[i * n + j] * total / (rows[i] * rows[j]))))
            }
        }
        return ppmi
    }

    /// The unit rows the fine topics merge on: the PPMI rows of `counts` (`n × n`) projected on their
    /// first `components` principal axes; `nil` when no two topics were ever met together.
    func features(counts: [Double], n: Int) throws -> Matrix? {
        guard n >= 3, counts.contains(where: { $0 > 0 }) else { return nil }
        let ppmi = Self.ppmi(counts, n: n)
        let projected = try PCA(fitting: ppmi, components: min(components, n - 1)).transform(ppmi)
        return Matrix(rowVectors: (0 ..< n).map { VectorMath.normalized(projected.row($0)) })
    }
}

import StrataCore
import StrataMath

/// Cosine between a user vector and every item's text vector, in one gemm per batch.
public struct Content: CandidateGenerator {
    /// Where the user vector comes from.
    public enum Source: Sendable, Equatable {
        /// One of the profile's interest layers.
        case layer(LayerKind)
        /// The mean of the vectors of the user's own items.
        case itemMean
        /// One fixed unit vector for every user, such as a newcomer's description.
        case text([Float])
    }

    public let source: Source
    /// Unit item vectors, one row per catalog item.
    public let itemVectors: Matrix

    public init(itemVectors: Matrix, source: Source) {
        self.itemVectors = itemVectors
        self.source = source
    }

    public var name: String {
        switch source {
        case .layer(let kind): "content-\(kind.rawValue)"
        case .itemMean: "content"
        case .text: "content-text"
        }
    }

    /// The unit vector this generator matches for `user` (zero when there is nothing to match).
    public func userVector(_ user: UserContext) -> [Float] {
        switch source {
        case .layer(let kind):
            return user.profile?.layer(kind).vector ?? [Float](repeating: 0, count: itemVectors.columns)
        case .itemMean:
            var mean = [Float](repeating: 0, count: itemVectors.columns)
            for item in user.items {
                for c in mean.indices { mean[c] += itemVectors[item, c] }
            }
            return VectorMath.normalized(mean)
        case .text(let vector):
            return vector
        }
    }

    /// One gemm for a batch; for a handful of users (a served request) one gemv each, which reads the
    /// item vectors once instead of having sgemm repack the whole catalog per call.
    public func scores(for users: [UserContext]) -> Matrix {
        let vectors = Matrix(rows: users.count, columns: itemVectors.columns, values: users.flatMap(userVector))
        guard users.count > 4 else {
            return Matrix(rows: users.count, columns: itemVectors.rows,
                          values: (0 ..< users.count).flatMap { itemVectors.multiplied(byVector: vectors.row($0)) })
        }
        return vectors.multiplied(by: itemVectors, transposeOther: true)
    }
}

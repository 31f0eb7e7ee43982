import StrataCore
import StrataMath

/// Cosine between a user vector and every item's text vector.
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
    /// An index over `itemVectors` that finds a user's nearest items without scanning the catalog
    /// (large catalogs); without one, `candidates` scans every item.
    public let index: NearestNeighbourIndex?

    public init(itemVectors: Matrix, source: Source, index: NearestNeighbourIndex? = nil) {
        self.itemVectors = itemVectors
        self.source = source
        self.index = index
    }

    /// The items nearest the user vector, through the index when there is one (approximate above its
    /// exact-search threshold), else by scanning every item.
    public func candidates(for user: UserContext, count: Int) -> [Int] {
        candidates(for: [user], count: count)[0]
    }

    /// `candidates(for:count:)` of every user: their vectors searched in the index as one batch (on
    /// every core), each with its own exclusions, which answers as searching them one by one does.
    public func candidates(for users: [UserContext], count: Int) -> [[Int]] {
        guard let index, !users.isEmpty,
            let found = try? index.search(
                Matrix(rowVectors: users.map(userVector)), k: count,
                excludingPerQuery: users.map { Set($0.exclusions) })
        else {
            return users.map {
                TopK.largest(scores(for: [$0]).values, k: count, excluding: Set($0.exclusions)).map(\.index)
            }
        }
        return found.map { $0.map(\.index) }
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

    public func scores(for users: [UserContext]) -> Matrix {
        Self.scores(of: [self], for: users)[0]
    }

    /// The cosine of the user vector and each of `items`' vectors: O(|items| × d).
    public func scores(for user: UserContext, items: [Int]) -> [Float] {
        itemVectors.dots([userVector(user)], rows: items).values
    }

    /// `scores(for:items:)` of several content generators, in the generators' order. When they match
    /// against the same item vectors (the hybrid's layers do), each item's vector is read once for up to
    /// four user vectors (`Matrix.dots`), not once per generator.
    public static func scores(of generators: [Content], for user: UserContext, items: [Int]) -> [[Float]] {
        guard let vectors = generators.first?.itemVectors, generators.allSatisfy({ $0.itemVectors == vectors })
        else { return generators.map { $0.scores(for: user, items: items) } }
        let scores = vectors.dots(generators.map { $0.userVector(user) }, rows: items).values
        return generators.indices.map { Array(scores[$0 * items.count ..< ($0 + 1) * items.count]) }
    }

    /// The scores of several content generators for `users`, in the generators' order. When they match
    /// against the same item vectors (the hybrid's three layers do), every user vector is scored in one
    /// go: for a served request (up to 16 vectors) by reading the item vectors once per four vectors
    /// (`Matrix.dots`), which copies nothing, for a batch by one gemm, which packs the catalog once.
    public static func scores(of generators: [Content], for users: [UserContext]) -> [Matrix] {
        guard let items = generators.first?.itemVectors else { return [] }
        guard generators.allSatisfy({ $0.itemVectors == items }) else {
            return generators.map { scores(of: [$0], for: users)[0] }
        }
        let vectors = generators.flatMap { generator in users.map(generator.userVector) }
        let block = users.count * items.rows
        let values: [Float]
        if vectors.count <= 16 {
            values = items.dots(vectors).values
        } else {
            values = Matrix(rowVectors: vectors).multiplied(by: items, transposeOther: true).values
        }
        return generators.indices.map { g in
            Matrix(rows: users.count, columns: items.rows, values: Array(values[g * block ..< (g + 1) * block]))
        }
    }
}

import StrataMath

/// Blends the normalised scores of several generators with weights, then picks each user's top k,
/// optionally diversified; the user's own items are never recommended.
public struct HybridRanker: Sendable {
    /// The generators and their blend weights (a weight of 0 leaves a generator out).
    public private(set) var components: [(generator: any CandidateGenerator, weight: Double)]
    /// Re-ranks each user's best-scored items into the slate (for variety or calibration); `nil` ranks
    /// by score alone.
    public var reranker: (any SlateReranker)?
    /// When set, users are ranked over the union of every generator's best `candidateCount` items
    /// instead of the whole catalog (for large catalogs: a request then costs what the candidates cost).
    public var candidateCount: Int?

    public init(
        components: [(generator: any CandidateGenerator, weight: Double)], reranker: (any SlateReranker)? = nil,
        candidateCount: Int? = nil
    ) {
        self.components = components
        self.reranker = reranker
        self.candidateCount = candidateCount
    }

    /// Lets every generator that keeps per-user state bring `user`'s up to date.
    public mutating func keep(_ user: UserContext) {
        updateStateKeepers { $0.keep(user) }
    }

    /// Lets every generator that keeps per-user state drop `user`'s.
    public mutating func forget(user: String) {
        updateStateKeepers { $0.forget(user: user) }
    }

    private mutating func updateStateKeepers(_ update: (inout any UserStateKeeping) -> Void) {
        for i in components.indices {
            guard var generator = components[i].generator as? any UserStateKeeping else { continue }
            update(&generator)
            components[i].generator = generator
        }
    }

    /// The blend of every component's min–max normalised scores (own items at −∞), one row per user.
    public func blendedScores(for users: [UserContext]) -> Matrix {
        let active = components.filter { $0.weight != 0 }
        // The content generators are scored together: they read the same item vectors.
        var contentScores = Content.scores(of: active.compactMap { $0.generator as? Content }, for: users)[...]
        var blend: Matrix?
        for (generator, weight) in active {
            var scores = generator is Content ? contentScores.removeFirst() : generator.scores(for: users)
            ScoreNormalization.minMax(&scores, users: users)
            blend = Self.add(scores, weight: Float(weight), to: blend)
        }
        if let blend { return blend.excluding(users) }
        return Matrix(rows: users.count, columns: 0)
    }

    /// Each user's top `k` catalog columns, best first, with their blended score.
    public func recommend(for users: [UserContext], k: Int) -> [[(item: Int, score: Float)]] {
        guard let candidateCount else {
            return Self.top(blendedScores(for: users), users: users, k: k, reranker: reranker)
        }
        return recommend(for: users, k: k, candidateCount: candidateCount)
    }

    /// The top `k` of each of `users` over the union of every generator's best `candidateCount` items:
    /// each generator finds the candidates of the whole block of users at once (the content generators'
    /// index searches as one batch), then each user's union is scored by every generator, min–max
    /// normalised over it, and blended as `blendedScores` blends. A user's answer does not depend on the
    /// block. With every item but the user's exclusions in the union it ranks what the dense ranking
    /// ranks (scores equal to float rounding: content scores come from another dot-product kernel).
    func recommend(for users: [UserContext], k: Int, candidateCount: Int) -> [[(item: Int, score: Float)]] {
        let active = components.filter { $0.weight != 0 }
        let candidates = active.map { $0.generator.candidates(for: users, count: max(k, candidateCount)) }
        return users.indices.map { u in
            rank(users[u], over: candidates.map { $0[u] }, active: active, k: k)
        }
    }

    /// `user`'s top `k` over the union of `candidates` (one list per generator of `active`).
    private func rank(
        _ user: UserContext, over candidates: [[Int]], active: [(generator: any CandidateGenerator, weight: Double)],
        k: Int
    ) -> [(item: Int, score: Float)] {
        var union = Set<Int>()
        for list in candidates { union.formUnion(list) }
        for item in user.exclusions { union.remove(item) }
        let items = union.sorted()
        guard !items.isEmpty else { return [] }
        var contentScores = Content.scores(
            of: active.compactMap { $0.generator as? Content }, for: user, items: items)[...]
        var blend = [Float]()
        for (generator, weight) in active {
            var scores = generator is Content ? contentScores.removeFirst() : generator.scores(for: user, items: items)
            ScoreNormalization.minMax(&scores)
            let w = Float(weight)
            if blend.isEmpty {
                blend = scores.map { $0 * w }
            } else {
                for i in blend.indices { blend[i] += w * scores[i] }
            }
        }
        guard let reranker else { return TopK.largest(blend, k: k).map { (item: items[$0.index], score: $0.score) } }
        let pool = TopK.largest(blend, k: max(k, reranker.poolSize)).map { (index: items[$0.index], score: $0.score) }
        return reranker.rerank(pool, k: k, for: user)
    }

    /// Adds `weight · scores` to `sum` (−∞ stays −∞).
    public static func add(_ scores: Matrix, weight: Float, to sum: Matrix?) -> Matrix {
        guard var sum else {
            return Matrix(rows: scores.rows, columns: scores.columns, values: scores.values.map { $0 * weight })
        }
        for i in sum.values.indices { sum.values[i] += weight * scores.values[i] }
        return sum
    }

    /// The top `k` of every row of `scores`, skipping −∞, re-ranked by `reranker` when given.
    public static func top(_ scores: Matrix, users: [UserContext], k: Int, reranker: (any SlateReranker)? = nil) -> [[(
        item: Int, score: Float
    )]] {
        scores.values.withUnsafeBufferPointer { values in
            users.indices.map { row in
                let slice = UnsafeBufferPointer(rebasing: values[row * scores.columns ..< (row + 1) * scores.columns])
                guard let reranker else {
                    return TopK.largest(slice, k: k).filter { $0.score > -.infinity }.map {
                        (item: $0.index, score: $0.score)
                    }
                }
                let pool = TopK.largest(slice, k: max(k, reranker.poolSize)).filter { $0.score > -.infinity }
                return reranker.rerank(pool, k: k, for: users[row])
            }
        }
    }
}

extension Matrix {
    /// This matrix with each user's own items set to −∞.
    fileprivate func excluding(_ users: [UserContext]) -> Matrix {
        var out = self
        for (row, user) in users.enumerated() {
            for item in user.exclusions { out.values[row * columns + item] = -.infinity }
        }
        return out
    }
}

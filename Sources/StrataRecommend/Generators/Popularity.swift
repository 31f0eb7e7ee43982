import StrataMath

/// Popularity among everyone, or among the user's segment peers when segments are given.
public struct Popularity: CandidateGenerator {
    public let name: String
    /// Interaction counts per catalog item for everyone.
    private let global: [Float]
    /// Interaction counts per catalog item within each segment.
    private let bySegment: [Int: [Float]]

    /// Counts every item's users in `matrix`; with `segments` (user id → segment) also within each
    /// segment, and a user is scored by their own segment's counts (everyone's when it is unknown).
    public init(fitting matrix: InteractionMatrix, segments: [String: Int]? = nil) {
        name = segments == nil ? "popularity" : "segment-popularity"
        global = matrix.itemCounts.map(Float.init)
        var bySegment = [Int: [Float]]()
        for (user, segment) in segments ?? [:] {
            guard let row = matrix.userIndex[user] else { continue }
            for item in matrix.userItems[row] {
                bySegment[segment, default: [Float](repeating: 0, count: matrix.itemIDs.count)][item] += 1
            }
        }
        self.bySegment = bySegment
        let ranked = { (counts: [Float]) in
            counts.indices.filter { counts[$0] > 0 }.sorted { (counts[$0], -$0) > (counts[$1], -$1) }
        }
        globalRanking = ranked(global)
        rankingBySegment = bySegment.mapValues(ranked)
    }

    /// Items with users, most popular first (ties to the lower column), for everyone and per segment.
    private let globalRanking: [Int]
    private let rankingBySegment: [Int: [Int]]

    /// The most popular items the user does not have: O(count + |items|).
    public func candidates(for user: UserContext, count: Int) -> [Int] {
        let own = Set(user.exclusions)
        let ranking = user.segment.flatMap { rankingBySegment[$0] } ?? globalRanking
        return Array(ranking.lazy.filter { !own.contains($0) }.prefix(count))
    }

    public func scores(for user: UserContext, items: [Int]) -> [Float] {
        let counts = user.segment.flatMap { bySegment[$0] } ?? global
        return items.map { counts[$0] }
    }

    public func scores(for users: [UserContext]) -> Matrix {
        var out = Matrix(rows: users.count, columns: global.count)
        for (row, user) in users.enumerated() {
            let counts = user.segment.flatMap { bySegment[$0] } ?? global
            out.values.replaceSubrange(row * global.count ..< (row + 1) * global.count, with: counts)
        }
        return out
    }
}

import StrataMath

/// Item-to-item co-visitation: items visited within `window` visits of each other in someone's history
/// (views followed by views, carts and purchases, in either order) are neighbours, counted once per
/// meeting; a user scores the neighbours of their latest distinct items, the latest counting most
/// (`recency^position`, position 0 = the latest). The standard strong baseline on shop logs, where what
/// people look at next sits beside what they just looked at.
///
/// It reads each user's latest `InteractionMatrix.recentLimit` visits (repeats in a row count once), so
/// fitting costs O(users × recentLimit × window); the pairs are counted in passes over column ranges of
/// at most `pairsPerPass` pairs, so memory stays bounded however many users there are. Each item keeps
/// its `neighbours` most frequent neighbours.
public struct CoVisitation: SparselyScoring {
    public let window: Int
    public let neighbours: Int
    /// How many latest distinct items a user is scored from, and how much each older one counts.
    public static let sourceItems = 10
    public static let recency: Float = 0.7
    /// The most pairs one counting pass holds (16 bytes each).
    public static let pairsPerPass = 1 << 24
    /// For each catalog item, its neighbours with how often they met.
    private let neighboursOf: [[(item: Int, count: Float)]]
    private let catalogSize: Int

    public var name: String { "covisit" }

    /// Counts the meetings in `matrix`'s latest visits within `window` (≥ 1) visits, keeping each item's
    /// `neighbours` (≥ 1) most frequent.
    public init(fitting matrix: InteractionMatrix, window: Int, neighbours: Int = 50) throws {
        guard window >= 1 else {
            throw RecommendError.invalidParameter(
                name: "co-visitation window", value: "\(window)", expected: "1 or more")
        }
        guard neighbours >= 1 else {
            throw RecommendError.invalidParameter(name: "neighbours", value: "\(neighbours)", expected: "1 or more")
        }
        self.window = window
        self.neighbours = neighbours
        catalogSize = matrix.itemIDs.count
        let sequences = matrix.userRecent.map { visits -> [Int32] in
            var out = [Int32]()
            for visit in visits where out.last != visit { out.append(visit) }
            return out
        }
        // How many pairs each item starts, to cut the columns into passes of bounded size.
        var starts = [Int](repeating: 0, count: catalogSize)
        for sequence in sequences {
            Self.forEachPair(sequence, window: window) { a, _ in starts[Int(a)] += 1 }
        }
        var neighboursOf = [[(item: Int, count: Float)]](repeating: [], count: catalogSize)
        var low = 0
        while low < catalogSize {
            var high = low
            var pairs = 0
            while high < catalogSize && (high == low || pairs + starts[high] <= Self.pairsPerPass) {
                pairs += starts[high]
                high += 1
            }
            var keys = [UInt64]()
            keys.reserveCapacity(pairs)
            for sequence in sequences {
                Self.forEachPair(sequence, window: window) { a, b in
                    if Int(a) >= low && Int(a) < high { keys.append(UInt64(a) << 32 | UInt64(b)) }
                }
            }
            keys.sort()
            var start = 0
            var counted = [(item: Int, count: Float)]()
            while start < keys.count {
                let source = Int(keys[start] >> 32)
                counted.removeAll(keepingCapacity: true)
                var end = start
                while end < keys.count && Int(keys[end] >> 32) == source {
                    var next = end
                    while next < keys.count && keys[next] == keys[end] { next += 1 }
                    counted.append((Int(keys[end] & 0xFFFF_FFFF), Float(next - end)))
                    end = next
                }
                let best = TopK.largest(counted.map(\.count), k: neighbours)
                neighboursOf[source] = best.map { counted[$0.index] }
                start = end
            }
            low = high
        }
        self.neighboursOf = neighboursOf
    }

    /// Calls `body` with every ordered pair of different items within `window` visits of each other.
    private static func forEachPair(_ sequence: [Int32], window: Int, _ body: (Int32, Int32) -> Void) {
        for i in sequence.indices {
            for j in (i + 1) ..< min(sequence.count, i + 1 + window) where sequence[i] != sequence[j] {
                body(sequence[i], sequence[j])
                body(sequence[j], sequence[i])
            }
        }
    }

    /// The neighbours of the user's latest distinct items: O(sourceItems × neighbours).
    public func sparseScores(for user: UserContext) -> [Int: Float] {
        var sources = [Int]()
        for item in user.latestVisits(InteractionMatrix.recentLimit).reversed() where !sources.contains(item) {
            sources.append(item)
            if sources.count == Self.sourceItems { break }
        }
        var scores = [Int: Float]()
        var factor: Float = 1
        for source in sources {
            for (item, count) in neighboursOf[source] { scores[item, default: 0] += factor * count }
            factor *= Self.recency
        }
        return scores
    }

    public func scores(for users: [UserContext]) -> Matrix {
        var out = Matrix(rows: users.count, columns: catalogSize)
        out.values.withUnsafeMutableBufferPointer { values in
            for (row, user) in users.enumerated() {
                for (item, score) in sparseScores(for: user) { values[row * catalogSize + item] = score }
            }
        }
        return out
    }
}

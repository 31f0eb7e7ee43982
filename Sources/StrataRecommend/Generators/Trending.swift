import Foundation
import StrataMath

/// Recent popularity: an item scores its users who came to it up to the user's own latest time, each
/// counting `2^(−age / halfLife)` by how long before that time they first came. Popularity moves (new
/// releases, a season's goods); at a user's moment what was popular then is what they are likely to meet.
/// Nothing after the user's time counts. Without times (or for a user without one) it is plain popularity
/// at the latest time seen.
///
/// Times are counted in buckets of an eighth of the half-life; each item keeps its buckets' decayed sums,
/// so a score costs one binary search. Candidates come from the most popular items at the nearest of
/// `referencePoints` times spread over the log, then scored exactly, so a request costs O(candidates).
public struct Trending: CandidateGenerator {
    public let halfLifeDays: Double
    /// The bucket of every item's first interactions, ascending, and the decayed sum up to each.
    private let buckets: [[Int64]]
    private let sums: [[Float]]
    private let bucketSeconds: Int64
    private let latestBucket: Int64
    /// Times spread over the log (buckets) with their most popular items.
    private let references: [(bucket: Int64, items: [Int])]

    public var name: String { "trending" }

    /// How many reference times the candidates come from, and how many items each keeps.
    public static let referencePoints = 32
    public static let referenceItems = 1_000

    /// Fits on `matrix`'s first-interaction times (its `userItemTimes`); a half-life in days above 0.
    public init(fitting matrix: InteractionMatrix, halfLifeDays: Double) throws {
        guard halfLifeDays > 0, halfLifeDays.isFinite else {
            throw RecommendError.invalidParameter(
                name: "trending half-life", value: "\(halfLifeDays)", expected: "days above 0")
        }
        self.halfLifeDays = halfLifeDays
        let bucketSeconds = max(Int64(1), Int64(halfLifeDays * 86_400 / 8))
        self.bucketSeconds = bucketSeconds
        var perItem = [[Int64]](repeating: [], count: matrix.itemIDs.count)
        for (row, items) in matrix.userItems.enumerated() {
            let times = matrix.userItemTimes.isEmpty ? [] : matrix.userItemTimes[row]
            for (n, item) in items.enumerated() {
                perItem[item].append(times.isEmpty ? 0 : Self.floorDivide(times[n], bucketSeconds))
            }
        }
        let decayPerBucket = Float(pow(2, -1.0 / 8))
        var buckets = [[Int64]]()
        var sums = [[Float]]()
        buckets.reserveCapacity(perItem.count)
        sums.reserveCapacity(perItem.count)
        var latest = Int64.min
        for var times in perItem {
            times.sort()
            var itemBuckets = [Int64]()
            var itemSums = [Float]()
            for time in times {
                if itemBuckets.last == time {
                    itemSums[itemSums.count - 1] += 1
                } else {
                    let carried = itemSums.last.map { $0 * Self.power(decayPerBucket, time - itemBuckets.last!) } ?? 0
                    itemBuckets.append(time)
                    itemSums.append(carried + 1)
                }
            }
            latest = max(latest, itemBuckets.last ?? .min)
            buckets.append(itemBuckets)
            sums.append(itemSums)
        }
        self.buckets = buckets
        self.sums = sums
        let latestBucket = latest == .min ? 0 : latest
        self.latestBucket = latestBucket
        let earliest = buckets.compactMap(\.first).min() ?? latestBucket
        let points = Self.referencePoints
        let step = max(Int64(1), (latestBucket - earliest) / Int64(points - 1))
        let stops = Array(Set((0 ..< points).map { min(latestBucket, earliest + Int64($0) * step) })).sorted()
        var references = [(bucket: Int64, items: [Int])]()
        for stop in stops {
            let row = (0 ..< buckets.count).map { Self.sum(buckets[$0], sums[$0], at: stop) }
            references.append((stop, TopK.largest(row, k: Self.referenceItems).filter { $0.score > 0 }.map(\.index)))
        }
        self.references = references
    }

    /// The user's bucket: that of their latest time, else the latest of the log.
    private func bucket(of user: UserContext) -> Int64 {
        user.lastTime.map { Self.floorDivide($0, bucketSeconds) } ?? latestBucket
    }

    public func scores(for users: [UserContext]) -> Matrix {
        var out = Matrix(rows: users.count, columns: buckets.count)
        var rowOf = [Int64: [Float]]()
        for (row, user) in users.enumerated() {
            let at = bucket(of: user)
            if rowOf[at] == nil {
                rowOf[at] = (0 ..< buckets.count).map { Self.sum(buckets[$0], sums[$0], at: at) }
            }
            out.values.replaceSubrange(row * buckets.count ..< (row + 1) * buckets.count, with: rowOf[at]!)
        }
        return out
    }

    public func scores(for user: UserContext, items: [Int]) -> [Float] {
        let at = bucket(of: user)
        return items.map { Self.sum(buckets[$0], sums[$0], at: at) }
    }

    public func candidates(for user: UserContext, count: Int) -> [Int] {
        let at = bucket(of: user)
        guard
            let nearest = references.min(by: { abs($0.bucket - at) < abs($1.bucket - at) })?.items
        else { return [] }
        let own = Set(user.exclusions)
        let pool = nearest.filter { !own.contains($0) }
        let scores = scores(for: user, items: pool)
        return TopK.largest(scores, k: count).map { pool[$0.index] }
    }

    /// An item's decayed count at bucket `at`: the sum kept at its last bucket not after `at`, decayed since.
    private static func sum(_ buckets: [Int64], _ sums: [Float], at: Int64) -> Float {
        var low = 0
        var high = buckets.count
        while low < high {
            let mid = (low + high) / 2
            if buckets[mid] <= at { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return 0 }
        return sums[low - 1] * power(Float(pow(2, -1.0 / 8)), at - buckets[low - 1])
    }

    private static func power(_ base: Float, _ exponent: Int64) -> Float {
        exponent > 4_096 ? 0 : pow(base, Float(exponent))
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

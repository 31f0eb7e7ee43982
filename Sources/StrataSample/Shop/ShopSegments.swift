import StrataMath

/// The planted segments: segment `s` owns two leaf categories (no two segments share one), and
/// users join segments with sizes falling off as 1/√(s+1). O(categories) memory.
struct ShopSegments: Sendable {
    /// Each segment's two long-term leaves.
    let interests: [(Int, Int)]
    /// Running totals of the segments' weights, for drawing a segment by binary search.
    private let cumulative: [Double]

    init(shape: ShopShape, random: inout SeededRandom) {
        let leaves = random.shuffled(Array(0 ..< shape.categories))
        interests = (0 ..< shape.segments).map { (leaves[2 * $0], leaves[2 * $0 + 1]) }
        var total = 0.0
        cumulative = (0 ..< shape.segments).map { s in
            total += 1 / Double(s + 1).squareRoot()
            return total
        }
    }

    /// A segment drawn with probability proportional to its weight.
    func draw(_ random: inout SeededRandom) -> Int {
        let u = random.nextUnit() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > u { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

/// What was planted for one user: a segment, its two long-term leaves (the first favoured by
/// `firstShare` of the long-term picks), maybe a recent leaf outside them, and when the user joined.
struct ShopUserPlan: Sendable {
    var segment: Int
    var longTerm: (Int, Int)
    var firstShare: Double
    var recent: Int?
    var joined: Int64

    /// The share of users with a recent short-term interest.
    static let recentShare = 0.3

    init(segments: ShopSegments, categories: Int, random: inout SeededRandom) {
        segment = segments.draw(&random)
        let pair = segments.interests[segment]
        longTerm = random.chance(0.5) ? pair : (pair.1, pair.0)
        firstShare = 0.5 + 0.15 * random.nextUnit()
        recent = nil
        if categories > 2, random.chance(Self.recentShare) {
            var leaf = random.int(categories - 2)
            // Skip over the two long-term leaves, in increasing order, to land outside them.
            for taken in [min(pair.0, pair.1), max(pair.0, pair.1)] where leaf >= taken { leaf += 1 }
            recent = leaf
        }
        // Joined at some point in the first 60% of the period, active until its end.
        joined = ShopClock.start + Int64(random.int(Int(ShopClock.span * 6 / 10)))
    }
}

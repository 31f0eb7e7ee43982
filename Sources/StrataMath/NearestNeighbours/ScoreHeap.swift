/// A node of the graph with its similarity to whatever is being searched for.
struct ScoredNode {
    var score: Float
    var node: Int32
}

/// A binary min-heap of scored nodes: the root is the lowest score (ties: the higher node id, so that
/// the order of equal scores never depends on insertion order).
///
/// The graph search keeps two of them: its results, whose root is the weakest kept, and its candidates
/// with negated scores, whose root is the most promising. Storage is kept between searches.
struct ScoreHeap {
    private(set) var items: [ScoredNode] = []

    var count: Int { items.count }
    var isEmpty: Bool { items.isEmpty }
    /// The lowest-scored entry; the heap must not be empty.
    var top: ScoredNode { items[0] }

    @inline(__always)
    private static func below(_ a: ScoredNode, _ b: ScoredNode) -> Bool {
        a.score < b.score || (a.score == b.score && a.node > b.node)
    }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    mutating func push(_ entry: ScoredNode) {
        items.append(entry)
        var c = items.count - 1
        while c > 0 {
            let p = (c - 1) / 2
            guard Self.below(items[c], items[p]) else { break }
            items.swapAt(c, p)
            c = p
        }
    }

    /// Removes and returns the lowest-scored entry; the heap must not be empty.
    @discardableResult
    mutating func pop() -> ScoredNode {
        let first = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            let n = items.count
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < n && Self.below(items[l], items[m]) { m = l }
                if r < n && Self.below(items[r], items[m]) { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return first
    }

    /// The entries from the highest score to the lowest (ties: lower node id first); empties the heap.
    mutating func drainBestFirst() -> [ScoredNode] {
        var out = [ScoredNode]()
        out.reserveCapacity(items.count)
        while !items.isEmpty { out.append(pop()) }
        out.reverse()
        return out
    }
}

/// Selection of the best `k` entries of a score list without sorting all of it.
public enum TopK {
    /// The indices of the `k` largest scores, best first; ties go to the lower index.
    ///
    /// Runs in O(n log k) with a bounded min-heap, so ranking a whole catalog per user stays cheap.
    public static func largest(_ scores: [Float], k: Int, excluding excluded: Set<Int> = []) -> [(
        index: Int, score: Float
    )] {
        scores.withUnsafeBufferPointer { largest($0, k: k, excluding: excluded) }
    }

    /// The indices of the `k` largest scores in a buffer, best first; ties go to the lower index.
    public static func largest(_ scores: UnsafeBufferPointer<Float>, k: Int, excluding excluded: Set<Int> = []) -> [(
        index: Int, score: Float
    )] {
        guard k > 0 else { return [] }
        // Min-heap on (score, -index): the root is the weakest entry kept so far.
        var heap: [(index: Int, score: Float)] = []
        heap.reserveCapacity(k)
        func weaker(_ a: (index: Int, score: Float), _ b: (index: Int, score: Float)) -> Bool {
            a.score < b.score || (a.score == b.score && a.index > b.index)
        }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < heap.count && weaker(heap[l], heap[m]) { m = l }
                if r < heap.count && weaker(heap[r], heap[m]) { m = r }
                if m == i { return }
                heap.swapAt(i, m)
                i = m
            }
        }
        // The exclusions are looked up only for entries that would be kept: most of a catalog is not.
        for (i, s) in scores.enumerated() where !s.isNaN {
            let entry = (index: i, score: s)
            if heap.count < k {
                guard !excluded.contains(i) else { continue }
                heap.append(entry)
                var c = heap.count - 1
                while c > 0 {
                    let p = (c - 1) / 2
                    guard weaker(heap[c], heap[p]) else { break }
                    heap.swapAt(c, p)
                    c = p
                }
            } else if weaker(heap[0], entry), !excluded.contains(i) {
                heap[0] = entry
                siftDown(0)
            }
        }
        return heap.sorted { weaker($1, $0) }
    }
}

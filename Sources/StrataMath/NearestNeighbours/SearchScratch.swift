import Foundation
import Synchronization

/// The working memory of one graph search: which nodes it has seen, its two heaps and room to gather one
/// node's neighbours and their scores.
///
/// Seen marks are generation stamps, so starting a search costs nothing however many nodes there are; only
/// when the 16-bit generation wraps is the whole array cleared. One thread uses a scratch at a time.
final class SearchScratch: @unchecked Sendable {
    private let seen: UnsafeMutablePointer<UInt16>
    private let nodeCount: Int
    private var generation: UInt16 = 0
    /// Room for the ids of one neighbour list plus one more node (as `Int`, the C kernel's row index type).
    let ids: UnsafeMutablePointer<Int>
    /// Room for the scores of as many nodes as `ids` holds.
    let scores: UnsafeMutablePointer<Float>
    /// Nodes still to expand, scores negated so the root is the most similar.
    var candidates = ScoreHeap()
    /// The best nodes found so far, the weakest at the root.
    var results = ScoreHeap()

    init(nodeCount: Int, maxLinks: Int) {
        self.nodeCount = nodeCount
        seen = .allocate(capacity: max(1, nodeCount))
        seen.initialize(repeating: 0, count: max(1, nodeCount))
        ids = .allocate(capacity: maxLinks + 1)
        scores = .allocate(capacity: maxLinks + 1)
    }

    deinit {
        seen.deallocate()
        ids.deallocate()
        scores.deallocate()
    }

    /// Forgets every node seen so far.
    @inline(__always)
    func startSearch() {
        generation &+= 1
        if generation == 0 {
            seen.update(repeating: 0, count: max(1, nodeCount))
            generation = 1
        }
    }

    /// Marks `node` seen; returns whether it was seen before in this search.
    @inline(__always)
    func visit(_ node: Int32) -> Bool {
        let slot = seen + Int(node)
        if slot.pointee == generation { return true }
        slot.pointee = generation
        return false
    }
}

/// Scratches kept for the queries of one index, so concurrent searches each get their own without
/// allocating a seen-array per query.
final class ScratchPool: Sendable {
    private let nodeCount: Int
    private let maxLinks: Int
    private let idle = Mutex<[SearchScratch]>([])
    /// At most this many idle scratches are kept (each holds two bytes per node); more concurrent
    /// searches than that allocate and drop theirs.
    private let retained = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)

    init(nodeCount: Int, maxLinks: Int) {
        self.nodeCount = nodeCount
        self.maxLinks = maxLinks
    }

    /// Runs `body` with a scratch no other thread uses meanwhile.
    func withScratch<T>(_ body: (SearchScratch) throws -> T) rethrows -> T {
        let scratch = idle.withLock { $0.popLast() } ?? SearchScratch(nodeCount: nodeCount, maxLinks: maxLinks)
        defer { idle.withLock { if $0.count < retained { $0.append(scratch) } } }
        return try body(scratch)
    }
}

import Foundation
import Synchronization

/// The package's one parallel loop: the iterations of a loop run on up to `workers` threads at once
/// (Dispatch's `concurrentPerform`), each thread claiming the next iteration as it frees up, so a busy
/// core does not hold the others up and iterations of uneven cost balance.
///
/// Which thread runs an iteration is not fixed, so a loop is deterministic exactly when its iterations
/// touch disjoint results (their own slot, their own rows) and combine them afterwards in index order;
/// every caller in the package keeps to that, so results do not depend on the number of cores or on
/// scheduling.
public enum ParallelLoop {
    /// The cores this process may use: the default number of workers.
    public static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body(item, worker)` for every `item` in `0 ..< count`, with `worker` in `0 ..< workers`
    /// naming the thread's slot (for per-thread scratch space: no two threads share a slot at once).
    /// Serial on the calling thread when one worker or one item is enough.
    public static func forEach(
        _ count: Int, workers: Int = cores, _ body: (_ item: Int, _ worker: Int) -> Void
    ) {
        let threads = max(1, min(workers, count))
        if threads == 1 {
            for item in 0 ..< count { body(item, 0) }
            return
        }
        let next = Atomic(0)
        withoutActuallyEscaping(body) { body in
            // Every iteration is claimed by exactly one thread; what the items touch is the caller's affair.
            let shared = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                while true {
                    let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard item < count else { return }
                    shared.value(item, worker)
                }
            }
        }
    }

    /// Splits `0 ..< count` into one contiguous range per worker (fewer when ranges would be smaller
    /// than `minimumPerWorker`), runs `body` on each at once and returns the results in range order.
    /// The ranges depend only on `count`, `minimumPerWorker` and `workers`.
    public static func map<T>(
        count: Int, minimumPerWorker: Int = 1, workers: Int = cores, _ body: (Range<Int>) -> T
    ) -> [T] {
        let parts = max(1, min(workers, count / max(1, minimumPerWorker)))
        if parts == 1 { return [body(0 ..< count)] }
        var results = [T?](repeating: nil, count: parts)
        results.withUnsafeMutableBufferPointer { out in
            // Each part writes only its own slot.
            let slots = UncheckedSendableBox(out)
            forEach(parts, workers: parts) { p, _ in
                slots.value[p] = body(count * p / parts ..< count * (p + 1) / parts)
            }
        }
        return results.map { $0! }
    }

    /// Runs `body` on consecutive ranges of `0 ..< count` of at least `minimumSize` indices, about
    /// `rangesPerWorker` ranges per worker, handed out as threads free up (which balances ranges of
    /// uneven cost).
    public static func forEachRange(
        count: Int, minimumSize: Int = 64, rangesPerWorker: Int = 16, workers: Int = cores,
        _ body: (Range<Int>) -> Void
    ) {
        let perWorker = max(1, rangesPerWorker) * max(1, workers)
        let size = max(max(1, minimumSize), (count + perWorker - 1) / perWorker)
        let ranges = (count + size - 1) / size
        forEach(ranges, workers: workers) { r, _ in body(r * size ..< min(count, (r + 1) * size)) }
    }
}

/// Hands a non-`Sendable` value (a buffer, the caller's closure) to the threads of a `ParallelLoop`,
/// whose accesses the caller keeps disjoint: the package's one unchecked box.
public struct UncheckedSendableBox<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

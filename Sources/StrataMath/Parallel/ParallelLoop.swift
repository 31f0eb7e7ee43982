import Foundation
import Synchronization

/// Runs the iterations of a loop on up to `workers` threads at once, handing out iterations one at a
/// time so a busy core does not hold the others up.
enum ParallelLoop {
    /// Calls `body(item, worker)` for every `item` in `0 ..< count`, with `worker` in `0 ..< workers`
    /// naming the thread's slot (for per-thread scratch space). Serial on the calling thread when one
    /// worker or one item is enough.
    static func forEach(_ count: Int, workers: Int, _ body: (_ item: Int, _ worker: Int) -> Void) {
        let threads = max(1, min(workers, count))
        if threads == 1 {
            for item in 0 ..< count { body(item, 0) }
            return
        }
        let next = Mutex(0)
        withoutActuallyEscaping(body) { body in
            // Every iteration is claimed by exactly one thread; what the items touch is the caller's affair.
            let shared = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                while true {
                    let item = next.withLock { n -> Int in
                        defer { n += 1 }
                        return n
                    }
                    guard item < count else { return }
                    shared.value(item, worker)
                }
            }
        }
    }
}

/// Hands a non-`Sendable` value to `concurrentPerform` workers whose accesses the caller keeps disjoint.
struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

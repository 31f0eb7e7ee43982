import Foundation
import StrataMath

/// The one level of parallelism of the clustering code: contiguous row ranges on every core,
/// each running single-threaded BLAS on its own rows (as scikit-learn's OpenMP chunks do).
enum Parallel {
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Splits `0..<count` into one contiguous range per worker (fewer when ranges would be smaller than
    /// `minimumPerWorker`), runs `body` on each at once and returns the results in range order.
    static func map<T>(count: Int, minimumPerWorker: Int = 2048, _ body: (Range<Int>) -> T) -> [T] {
        let parts = max(1, min(workers, count / max(1, minimumPerWorker)))
        if parts == 1 { return [body(0 ..< count)] }
        var results = [T?](repeating: nil, count: parts)
        results.withUnsafeMutableBufferPointer { out in
            withoutActuallyEscaping(body) { work in
                // Each worker writes only its own slot and reads what the caller lent it for the call.
                let shared = UncheckedSendable((out, work))
                DispatchQueue.concurrentPerform(iterations: parts) { p in
                    let (slots, run) = shared.value
                    slots[p] = run(count * p / parts ..< count * (p + 1) / parts)
                }
            }
        }
        return results.map { $0! }
    }
}

/// Hands non-`Sendable` values to `concurrentPerform` workers that touch disjoint parts of them.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

import Foundation
import Synchronization

/// What a chat client spent: requests, retries, tokens and latency, counted as they happen (shared
/// by every task of one client).
public final class LLMUsage: Sendable {
    /// A snapshot of the counters.
    public struct Counts: Sendable, Equatable {
        /// Requests sent, retries included.
        public var requests = 0
        /// Requests sent again after a 429 or 5xx answer.
        public var retries = 0
        /// Calls that gave no usable answer (transport error, error status after the retries).
        public var failures = 0
        /// Answers read from the cache instead of asked for.
        public var cached = 0
        public var promptTokens = 0
        public var completionTokens = 0
        /// The summed wall time of the requests.
        public var latency: Duration = .zero

        /// All zero.
        public init() {}
    }

    private let counts = Mutex(Counts())
    private let requestObservers = Mutex<[@Sendable (Duration) -> Void]>([])

    public init() {}

    /// Calls `observe` with the wall time of every request sent from now on (a metrics histogram).
    public func observeRequests(_ observe: @escaping @Sendable (Duration) -> Void) {
        requestObservers.withLock { $0.append(observe) }
    }

    /// Counts one request that took `elapsed` and passes its time to the observers.
    func recordRequest(taking elapsed: Duration) {
        record {
            $0.requests += 1
            $0.latency += elapsed
        }
        for observe in requestObservers.withLock({ $0 }) { observe(elapsed) }
    }

    /// The counters now.
    public var current: Counts { counts.withLock { $0 } }

    func record(_ change: (inout Counts) -> Void) {
        counts.withLock { change(&$0) }
    }

    /// Counts `count` answers its caller found stored (outside the answer cache) instead of asking.
    public func countCached(_ count: Int) {
        record { $0.cached += count }
    }

    /// One line for a command's summary: `llm: 12 requests (1 retry, 0 failed), 40 cached, 3,200 + 410 tokens, 8.4 s`.
    public var summary: String {
        let c = current
        let seconds = Double(c.latency.components.seconds) + Double(c.latency.components.attoseconds) * 1e-18
        return
            "llm: \(c.requests) requests (\(c.retries) retried, \(c.failures) failed), \(c.cached) answers from the cache, "
            + "\(c.promptTokens) prompt + \(c.completionTokens) completion tokens, \(String(format: "%.1f", seconds)) s in requests"
    }
}

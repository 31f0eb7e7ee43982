import Prometheus
import StrataLLM
import Synchronization

/// The generative model's counters in `/metrics`: requests, retries, failures, cached answers, tokens and
/// the time spent in requests, brought up to date from the client's usage at every scrape.
final class LLMMetrics: Sendable {
    private let usage: LLMUsage
    private let exported = Mutex(LLMUsage.Counts())
    private let requests: Counter
    private let retries: Counter
    private let failures: Counter
    private let cached: Counter
    private let promptTokens: Counter
    private let completionTokens: Counter
    private let seconds: Counter

    init(usage: LLMUsage, registry: PrometheusCollectorRegistry) {
        self.usage = usage
        func counter(_ name: String, _ unit: String, _ help: String) -> Counter {
            registry.makeCounter(
                descriptor: .init(
                    namespace: "strata", subsystem: "llm", metricName: name, unitName: unit, helpText: help))
        }
        requests = counter("requests", "total", "Chat-completion requests sent to the LLM endpoint, retries included.")
        retries = counter("retries", "total", "Requests sent again after a 429 or 5xx answer.")
        failures = counter("failures", "total", "LLM calls that gave no usable answer.")
        cached = counter("cached_answers", "total", "LLM answers read from the cache instead of asked for.")
        promptTokens = counter("prompt_tokens", "total", "Prompt tokens the endpoint reported.")
        completionTokens = counter("completion_tokens", "total", "Completion tokens the endpoint reported.")
        seconds = counter("request_duration_seconds", "total", "Summed wall time of the LLM requests.")
    }

    /// Adds what the client counted since the last update.
    func update() {
        let (before, now) = exported.withLock {
            (exported: inout LLMUsage.Counts) -> (LLMUsage.Counts, LLMUsage.Counts) in
            let now = usage.current
            defer { exported = now }
            return (exported, now)
        }
        requests.increment(by: Int64(now.requests - before.requests))
        retries.increment(by: Int64(now.retries - before.retries))
        failures.increment(by: Int64(now.failures - before.failures))
        cached.increment(by: Int64(now.cached - before.cached))
        promptTokens.increment(by: Int64(now.promptTokens - before.promptTokens))
        completionTokens.increment(by: Int64(now.completionTokens - before.completionTokens))
        let elapsed = (now.latency - before.latency).components
        let wholeSeconds = Double(elapsed.seconds)
        let fraction = Double(elapsed.attoseconds) * 1e-18
        seconds.increment(by: wholeSeconds + fraction)
    }
}

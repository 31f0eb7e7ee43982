import Prometheus
import StrataLLM
import Synchronization

/// The generative model's counters in `/metrics`: requests, retries, failures, cached answers, tokens and
/// the time spent in requests. The counters are brought up to date from the client's usage at every scrape;
/// the latency histogram records each request as it ends.
final class LLMMetrics: Sendable {
    private let usage: LLMUsage
    private let exported = Mutex(LLMUsage.Counts())
    private let requests: Counter
    private let retries: Counter
    private let failures: Counter
    private let cached: Counter
    private let promptTokens: Counter
    private let completionTokens: Counter

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
        let latency = registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "strata", subsystem: "llm", metricName: "request_duration", unitName: "seconds",
                helpText: "Wall time of the requests sent to the LLM endpoint."),
            buckets: Self.latencyBuckets)
        usage.observeRequests { latency.record($0) }
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
    }

    /// From a fast local model's short answer to a slow one's long answer under load.
    static let latencyBuckets: [Duration] = [
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300)
    ]
}

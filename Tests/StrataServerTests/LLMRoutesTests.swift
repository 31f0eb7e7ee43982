import Foundation
import StrataLLM
import StrataTestSupport
import Testing

/// `strata serve` with a generative model: LLM names of topics and segments, per-layer explanations of a
/// profile, and the model's counters in `/metrics`.
@Suite struct LLMRoutesTests {
    /// The value of the sample `name` (no labels) in the Prometheus text `metrics`.
    static func value(_ name: String, in metrics: String) -> Double? {
        metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap {
            Double($0.split(separator: " ").last ?? "")
        }
    }

    @Test func namesExplanationsAndMetricsComeFromTheEndpoint() async throws {
        let fake = try await FakeOpenAI()
        let server = try await RunningServer(
            llm: LLMConfiguration(baseURL: fake.baseURL, model: "fake", scope: .users))
        let before = try await server.request(.GET, "/v1/users/u1824/profile")
        #expect(before.status == 200 && before.json["explanation"] == nil, "explanations only when asked for")

        // Names are asked in the background on first sight; the answers carry them once they are in.
        let topics = try await eventually { () -> [[String: Any]]? in
            let topics = try await server.request(.GET, "/v1/topics").json["topics"] as? [[String: Any]] ?? []
            let named = topics.allSatisfy {
                ($0["label"] as? String)?.hasSuffix(" picks") == true && $0["keyword_label"] is String
            }
            return !topics.isEmpty && named ? topics : nil
        }
        #expect(topics != nil, "every topic gets the endpoint's name, beside its keyword label")
        let segments = try await eventually { () -> [[String: Any]]? in
            let segments =
                try await server.request(.GET, "/v1/segments").json["segments"] as? [[String: Any]] ?? []
            return !segments.isEmpty && segments.allSatisfy { ($0["label"] as? String)?.hasSuffix(" picks") == true }
                ? segments : nil
        }
        #expect(segments != nil, "every segment gets the endpoint's name")
        let dashboard = try await server.request(.GET, "/")
        #expect(dashboard.text.contains(" picks</b>"), "the dashboard shows the names too")

        let explained = try await server.request(.GET, "/v1/users/u1824/profile?explain=true")
        #expect(explained.status == 200)
        let explanation = explained.json["explanation"] as? [String: String] ?? [:]
        let source = explained.json["explanation_source"] as? [String: String] ?? [:]
        #expect(Set(explanation.keys) == ["surface", "middle", "deep"])
        #expect(source["middle"] == "llm" && explanation["middle"]?.hasPrefix("Drawn to ") == true)
        #expect(try await server.request(.GET, "/v1/users/u1824/profile?explain=maybe").status == 400)
        #expect(fake.bodies.allSatisfy { !$0.contains("u1824") }, "no prompt carries the user id")

        let metrics = try await server.metrics(containing: "strata_llm_requests_total")
        let requests = Self.value("strata_llm_requests_total", in: metrics) ?? 0
        #expect(requests == Double(fake.bodies.count) && requests > 0)
        #expect(Self.value("strata_llm_prompt_tokens_total", in: metrics) == 40 * requests, "40 a request, as answered")
        #expect(Self.value("strata_llm_completion_tokens_total", in: metrics) == 6 * requests)
        #expect(Self.value("strata_llm_failures_total", in: metrics) == 0)
        #expect(Self.value("strata_llm_request_duration_seconds_count", in: metrics) == requests)
        #expect(Self.value("strata_llm_request_duration_seconds_bucket{le=\"+Inf\"}", in: metrics) == requests)
        #expect((Self.value("strata_llm_request_duration_seconds_sum", in: metrics) ?? 0) > 0)
        await server.stop()
        await fake.stop()
    }

    @Test func withoutTheUsersScopeExplanationsComeFromTheTemplate() async throws {
        let fake = try await FakeOpenAI()
        let server = try await RunningServer(llm: LLMConfiguration(baseURL: fake.baseURL, model: "fake"))
        let explained = try await server.request(.GET, "/v1/users/u1824/profile?explain=true")
        let source = explained.json["explanation_source"] as? [String: String] ?? [:]
        #expect(source == ["surface": "template", "middle": "template", "deep": "template"])
        #expect(fake.bodies.allSatisfy { !$0.contains("\"explanation\"") }, "no explanation was asked for")
        await server.stop()
        await fake.stop()
    }
}

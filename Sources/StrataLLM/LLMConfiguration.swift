import Foundation

/// Where a generative model is reached and how hard Strata leans on it: any server that speaks the
/// OpenAI chat-completions protocol (llama.cpp's server, vLLM, Ollama, a hosted API).
public struct LLMConfiguration: Sendable, Equatable {
    /// The API's base URL, e.g. `http://127.0.0.1:8080/v1` (`/chat/completions` is appended).
    public var baseURL: String
    /// The model name sent with every request.
    public var model: String
    /// Sent as `Authorization: Bearer …` when set.
    public var apiKey: String?
    /// How far prompts may go (see `LLMScope`).
    public var scope: LLMScope
    /// How long one request may take.
    public var timeout: Duration = .seconds(60)
    /// Requests in flight at once.
    public var concurrency = 2
    /// Further attempts after a 429 or 5xx answer.
    public var retries = 3
    /// The wait before the first retry; doubles with every further one (a `Retry-After` header wins).
    public var backoff: Duration = .milliseconds(500)

    public init(baseURL: String, model: String, apiKey: String? = nil, scope: LLMScope = .segments) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.scope = scope
    }

    /// The configuration the options and `STRATA_LLM_URL`, `STRATA_LLM_MODEL` and `STRATA_LLM_API_KEY`
    /// give (options win); `nil` when neither names a URL — Strata then uses its keyword labels.
    public static func resolve(
        url: String?, model: String?, scope: LLMScope,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> LLMConfiguration? {
        guard let url = url ?? environment["STRATA_LLM_URL"], !url.isEmpty else { return nil }
        let apiKey = environment["STRATA_LLM_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        return LLMConfiguration(
            baseURL: url, model: model ?? environment["STRATA_LLM_MODEL"] ?? "default", apiKey: apiKey, scope: scope)
    }

    /// The chat-completions endpoint.
    var completionsURL: String {
        (baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL) + "/chat/completions"
    }
}

/// How far prompts may go. Prompts carry item texts and aggregates, never user ids.
public enum LLMScope: String, Sendable, CaseIterable, Comparable {
    /// Topic names only: item texts and keywords.
    case catalog
    /// Topic and segment names: also the keywords and items that a segment's members share.
    case segments
    /// Also per-user explanations from each user's own evidence items.
    case users

    public static func < (a: LLMScope, b: LLMScope) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import StrataText
import Synchronization

/// An OpenAI chat-completions client on async-http-client: at most `concurrency` requests in flight,
/// retries with exponential backoff on 429 and 5xx, and every request counted in `usage`. Once the
/// endpoint cannot be reached, the client sends nothing more and fails every call at once (a command
/// then finishes with its keyword labels instead of waiting out a timeout per name).
public final class ChatClient: Sendable {
    public let configuration: LLMConfiguration
    public let usage = LLMUsage()
    /// Receives every request body before it leaves the process (tests check what is sent).
    let observe: @Sendable (String) -> Void
    private let http: HTTPClient
    private let gate: Gate
    private let unreachable = Mutex<LLMError?>(nil)
    private let reached = Mutex(false)

    /// A client over the shared HTTP client; `observe` sees every request body that is sent.
    public init(_ configuration: LLMConfiguration, observe: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.observe = observe
        http = Self.client
        gate = Gate(permits: max(1, configuration.concurrency))
    }

    /// One HTTP client for every endpoint, without a read timeout: `HTTPClient.shared` cuts a response off
    /// after 90 s without bytes, which a model on a CPU can need before its first byte, so `--llm-timeout`
    /// (the deadline of each request) is the only limit. Lives as long as the process, like `.shared`.
    static let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    static let httpConfiguration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: nil))

    /// Whether the endpoint could not be reached, so the client sends nothing more.
    public var isUnreachable: Bool { unreachable.withLock { $0 != nil } }

    /// Sends one chat request whose answer must be a JSON object matching `schema` (`response_format`
    /// `json_schema`, which OpenAI, vLLM and llama.cpp's server honour); returns the answer's content.
    public func complete(_ request: ChatRequest) async throws -> String {
        let body = request.body(model: configuration.model)
        await gate.acquire()
        do {
            if let error = unreachable.withLock({ $0 }) { throw error }
            try await probe()
            let content = try await attempts(body)
            await gate.release()
            return content
        } catch {
            await gate.release()
            throw error
        }
    }

    /// Sends `body` until it is answered, retrying 429 and 5xx answers after a backoff.
    private func attempts(_ body: String) async throws -> String {
        var attempt = 0
        while true {
            observe(body)
            let (status, text, retryAfter) = try await send(body)
            if status == 200 { return try parse(text) }
            guard status == 429 || status >= 500, attempt < configuration.retries else {
                usage.record { $0.failures += 1 }
                throw LLMError.status(status, String(text.prefix(200)))
            }
            attempt += 1
            usage.record { $0.retries += 1 }
            try await Task.sleep(for: retryAfter ?? configuration.backoff * (1 << (attempt - 1)))
        }
    }

    /// Connects to the endpoint once before the first request, so that one that is down fails at once
    /// (async-http-client retries a refused connection until the request's deadline).
    private func probe() async throws {
        guard !reached.withLock({ $0 }) else { return }
        let url = URL(string: configuration.completionsURL)
        let host = url?.host ?? ""
        let port = url?.port ?? (url?.scheme == "https" ? 443 : 80)
        do {
            let channel = try await ClientBootstrap(group: http.eventLoopGroup).connectTimeout(.seconds(5))
                .connect(host: host, port: port).get()
            try? await channel.close().get()
            reached.withLock { $0 = true }
        } catch {
            let failure = LLMError.unreachable(configuration.baseURL, String(describing: error))
            unreachable.withLock { $0 = $0 ?? failure }
            usage.record { $0.failures += 1 }
            throw failure
        }
    }

    /// One POST: the status, the body and the `Retry-After` wait, if any.
    private func send(_ body: String) async throws -> (Int, String, Duration?) {
        var request = HTTPClientRequest(url: configuration.completionsURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key = configuration.apiKey { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.body = .bytes(ByteBuffer(string: body))
        let clock = ContinuousClock()
        let start = clock.now
        defer { usage.recordRequest(taking: clock.now - start) }
        do {
            let (seconds, attoseconds) = configuration.timeout.components
            let response = try await http.execute(
                request, timeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
            let buffer = try await response.body.collect(upTo: 4 << 20)
            let retryAfter = response.headers.first(name: "Retry-After").flatMap(Int.init).map {
                Duration.seconds(min($0, 30))
            }
            return (Int(response.status.code), String(buffer: buffer), retryAfter)
        } catch {
            usage.record { $0.failures += 1 }
            throw LLMError.unreachable(configuration.baseURL, String(describing: error))
        }
    }

    /// The content of the first choice, with the token counts recorded.
    private func parse(_ text: String) throws -> String {
        guard let answer = try? JSONValue.parse(Data(text.utf8)),
            let content = answer["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue
        else {
            usage.record { $0.failures += 1 }
            throw LLMError.malformed("no choices[0].message.content in the answer")
        }
        usage.record {
            $0.promptTokens += answer["usage"]?["prompt_tokens"]?.intValue ?? 0
            $0.completionTokens += answer["usage"]?["completion_tokens"]?.intValue ?? 0
        }
        return content
    }
}

/// Why a chat request gave no answer.
public enum LLMError: Error, CustomStringConvertible, Equatable {
    /// The endpoint could not be reached (refused, timed out, reset).
    case unreachable(String, String)
    /// It answered with an error status (after the retries, for 429 and 5xx).
    case status(Int, String)
    /// Its answer was not what the protocol or the schema asks for.
    case malformed(String)

    public var description: String {
        switch self {
        case .unreachable(let url, let reason): "cannot reach \(url): \(reason)"
        case .status(let status, let body): "the endpoint answered HTTP \(status): \(body)"
        case .malformed(let reason): "unusable answer: \(reason)"
        }
    }
}

/// Lets at most `permits` callers through at once, the rest waiting in order.
actor Gate {
    private var permits: Int
    private var waiting = [CheckedContinuation<Void, Never>]()

    init(permits: Int) { self.permits = permits }

    func acquire() async {
        if permits > 0 {
            permits -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { permits += 1 } else { waiting.removeFirst().resume() }
    }
}

import Foundation
import Hummingbird

/// An OpenAI chat-completions endpoint on loopback with recorded answers: each request gets the next
/// scripted reply, then replies that name a group after its first keyword or explain a layer by its first
/// interest (as a model would, grounded in the evidence). Keeps every request body it receives, and closes every connection after its answer.
public final class FakeOpenAI: Sendable {
    public enum Reply: Sendable {
        /// A 200 answer whose message content is this text.
        case content(String)
        /// An error status with an empty JSON body.
        case status(Int)
    }

    public let port: Int
    private let task: Task<Void, any Error>
    private let state: Locked<(script: [Reply], bodies: [String])>

    /// The base URL to configure a client with.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// The request bodies received so far, in order.
    public var bodies: [String] { state.withLock { $0.bodies } }

    /// Starts the server on a free port with `script` as its first replies.
    public init(script: [Reply] = []) async throws {
        let state = Locked((script: script, bodies: [String]()))
        self.state = state
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let reply = state.withLock { state -> Reply in
                state.bodies.append(body)
                return state.script.isEmpty ? .content(Self.groundedAnswer(for: body)) : state.script.removeFirst()
            }
            switch reply {
            case .status(let status):
                return Response(
                    status: .init(code: status), headers: [.connection: "close"],
                    body: .init(byteBuffer: ByteBuffer(string: "{}")))
            case .content(let content):
                let answer: [String: Any] = [
                    "object": "chat.completion",
                    "choices": [
                        ["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": "stop"]
                    ],
                    "usage": ["prompt_tokens": 40, "completion_tokens": 6, "total_tokens": 46]
                ]
                let data = try JSONSerialization.data(withJSONObject: answer)
                return Response(
                    status: .ok, headers: [.contentType: "application/json", .connection: "close"],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
        task = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        self.port = port
    }

    /// Stops listening. Every answer closes its connection, so no client keeps one that the shutdown
    /// would wait for.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// The grounded answer to the request `body`: `{"explanation": "Drawn to <first interest>."}` when it
    /// asks to explain a layer, else `{"name": "<First keyword> picks"}` (Chinese: the keyword and 精选).
    public static func groundedAnswer(for body: String) -> String {
        let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
        let messages = object?["messages"] as? [[String: Any]] ?? []
        let user = messages.last?["content"] as? String ?? ""
        func line(_ prefix: String) -> Substring {
            user.split(separator: "\n").first { $0.hasPrefix(prefix) }?.dropFirst(prefix.count) ?? ""
        }
        let format = object?["response_format"] as? [String: Any]
        if (format?["json_schema"] as? [String: Any])?["name"] as? String == "explanation" {
            let interest = line("Interests: ").split(separator: ";").first ?? "these items"
            return #"{"explanation": "Drawn to \#(interest)."}"#
        }
        let first = String(line("Keywords: ").split(separator: ",").first ?? "items")
        let name =
            first.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }
            ? first + "精选" : first.capitalized + " picks"
        return #"{"name": "\#(name)"}"#
    }
}

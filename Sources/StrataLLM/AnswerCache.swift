import Synchronization

/// Where validated answers are kept by `ChatRequest.cacheKey` (model and prompt fingerprint), so that
/// asking again on unchanged data sends nothing. The pipeline keeps them in the store.
public protocol AnswerCache: Sendable {
    /// The answer stored under `key`, if any.
    func answer(_ key: String) throws -> String?
    /// Stores `answer` under `key`.
    func save(_ answer: String, for key: String) throws
}

/// An answer cache in memory, for one process.
public final class MemoryAnswerCache: AnswerCache {
    private let answers = Mutex([String: String]())

    public init() {}

    public func answer(_ key: String) -> String? { answers.withLock { $0[key] } }

    public func save(_ answer: String, for key: String) { answers.withLock { $0[key] = answer } }
}

import Foundation
import StrataCore
import StrataLLM
import StrataStore

extension Pipeline {
    /// The generative model's names of the topics, by topic id, when `namer` is set and its scope covers
    /// the catalog; `[:]` otherwise. A topic it cannot name keeps its keyword label (see `nameAll`).
    public func topicNames(_ model: TopicModel, titles: [String: String]) -> [Int: String] {
        guard let namer, namer.client.configuration.scope >= .catalog else { return [:] }
        let topics = model.topics
        return nameAll(
            topics.map(\.id), what: "topics",
            evidence: topics.map {
                LabelEvidence(
                    kind: .topic, keywords: Array($0.keywords.prefix(8)),
                    titles: $0.representativeItems.map { titles[$0] ?? $0 })
            })
    }

    /// The generative model's names of the segments, by segment id, when `namer` is set and its scope
    /// covers segments; `[:]` otherwise. The prompts carry each segment's keywords and representative
    /// items, never its members.
    public func segmentNames(_ model: SegmentModel, titles: [String: String]) -> [Int: String] {
        guard let namer, namer.client.configuration.scope >= .segments else { return [:] }
        return nameAll(
            model.segments.map(\.id), what: "segments",
            evidence: model.segments.map {
                LabelEvidence(
                    kind: .segment, keywords: Array($0.keywords.prefix(8)),
                    titles: $0.representativeItems.map { titles[$0] ?? $0 })
            })
    }

    /// Names `ids` from their `evidence`, waiting for the answers; logs one warning when some keep
    /// their keyword labels. Once the endpoint proved unreachable, nothing more is asked (or warned).
    private func nameAll(_ ids: [Int], what: String, evidence: [LabelEvidence]) -> [Int: String] {
        guard let namer, !ids.isEmpty, !namer.client.isUnreachable else { return [:] }
        let result = Self.wait { await namer.names(evidence) }
        if let first = result.problems.first {
            log(
                "warning: the LLM at \(namer.client.configuration.baseURL) did not name \(result.problems.count) of \(ids.count) "
                    + "\(what), which keep their keyword labels (first: \(first))")
        }
        return Dictionary(uniqueKeysWithValues: zip(ids, result.names).compactMap { id, name in name.map { (id, $0) } })
    }

    /// Runs `body` to its end from synchronous code (the CLI's commands).
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task {
            box.value = await body()
            done.signal()
        }
        done.wait()
        return box.value!
    }
}

/// Carries a task's result to the thread waiting for it (the semaphore orders the two accesses).
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// Keeps the generative model's validated answers in the store's stage records, under their cache keys.
struct StoredAnswers: AnswerCache {
    let store: any Store

    func answer(_ key: String) throws -> String? { try store.stageRecord(key) }

    func save(_ answer: String, for key: String) throws { try store.saveStageRecord(key, json: answer) }
}

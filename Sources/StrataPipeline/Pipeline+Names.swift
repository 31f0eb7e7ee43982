import Foundation
import StrataCore
import StrataLLM
import StrataMath
import StrataStore

extension Pipeline {
    /// The generative model's names of the topics, by topic id, when `namer` is set and its scope covers
    /// the catalog; `[:]` otherwise. A topic it cannot name keeps its keyword label (see `nameAll`).
    public func topicNames(_ model: TopicModel, titles: [String: String]) -> [Int: String] {
        guard let namer, namer.client.configuration.scope >= .catalog else { return [:] }
        return nameAll(
            model.topics.map(\.id), what: "topics", evidence: Self.topicEvidence(model, titles: titles),
            members: Self.topicMembers(model))
    }

    /// The items of each topic of `model`, in `model.topics` order (a coarse topic's are its fine topics').
    static func topicMembers(_ model: TopicModel) -> [[String]] {
        var fine = [Int: [String]]()
        for (item, topic) in model.itemTopics { fine[topic, default: []].append(item) }
        var coarse = [Int: [String]]()
        for topic in model.fine { if let parent = topic.parent { coarse[parent, default: []] += fine[topic.id] ?? [] } }
        return model.topics.map { fine[$0.id] ?? coarse[$0.id] ?? [] }
    }

    /// What each topic of `model` is named from, in `model.topics` order: its keywords and the titles of
    /// its representative items.
    public static func topicEvidence(_ model: TopicModel, titles: [String: String]) -> [LabelEvidence] {
        model.topics.map {
            LabelEvidence(
                kind: .topic, keywords: Array($0.keywords.prefix(8)),
                titles: $0.representativeItems.map { titles[$0] ?? $0 })
        }
    }

    /// The generative model's names of the segments, by segment id, when `namer` is set and its scope
    /// covers segments; `[:]` otherwise. The prompts carry each segment's keywords and representative
    /// items, never its members.
    public func segmentNames(_ model: SegmentModel, titles: [String: String]) -> [Int: String] {
        guard let namer, namer.client.configuration.scope >= .segments else { return [:] }
        var members = [Int: [String]]()
        for membership in model.memberships.values { members[membership.segment, default: []].append(membership.user) }
        return nameAll(
            model.segments.map(\.id), what: "segments", evidence: Self.segmentEvidence(model, titles: titles),
            members: model.segments.map { members[$0.id] ?? [] })
    }

    /// What each segment of `model` is named from, in `model.segments` order: its keywords and the
    /// titles of its representative items, never its members.
    public static func segmentEvidence(_ model: SegmentModel, titles: [String: String]) -> [LabelEvidence] {
        model.segments.map {
            LabelEvidence(
                kind: .segment, keywords: Array($0.keywords.prefix(8)),
                titles: $0.representativeItems.map { titles[$0] ?? $0 })
        }
    }

    /// Names `ids` from their `evidence`, waiting for the answers; logs one warning when some keep
    /// their keyword labels. Once the endpoint proved unreachable, nothing more is asked (or warned).
    /// A group whose `members` were named before keeps that name unasked, so a refit that changes one
    /// group's members asks about that group alone, even when the others' keywords shift with it.
    private func nameAll(_ ids: [Int], what: String, evidence: [LabelEvidence], members: [[String]]) -> [Int: String] {
        guard let namer, !ids.isEmpty, !namer.client.isUnreachable else { return [:] }
        let model = namer.client.configuration.model
        let keys = members.map { items in
            items.isEmpty ? nil : "llm-members/\(model)/\(what)/" + TextHash.of(items.sorted().joined(separator: "\n"))
        }
        var names = [Int: String]()
        for (id, key) in zip(ids, keys) {
            if let key, let name = try? store.stageRecord(key).flatMap(StoredName.decode) { names[id] = name }
        }
        let asked = ids.indices.filter { names[ids[$0]] == nil }
        namer.client.usage.countCached(ids.count - asked.count)
        let result = waitForTask { await namer.names(asked.map { evidence[$0] }) }
        if let first = result.problems.first {
            log(
                "warning: the LLM at \(namer.client.configuration.baseURL) did not name \(result.problems.count) of \(asked.count) "
                    + "\(what) asked about, which keep their keyword labels (first: \(first))")
        }
        for (index, name) in zip(asked, result.names) {
            guard let name else { continue }
            names[ids[index]] = name
            if let key = keys[index] { try? store.saveStageRecord(key, json: StoredName.encode(name)) }
        }
        return names
    }
}

/// A name kept under the fingerprint of its group's members: `{"name": …}`.
private struct StoredName: Codable {
    let name: String

    static func encode(_ name: String) -> String {
        let data = try? JSONEncoder().encode(StoredName(name: name))
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode(_ json: String) -> String? {
        (try? JSONDecoder().decode(StoredName.self, from: Data(json.utf8)))?.name
    }
}

/// Keeps the generative model's validated answers in the store's stage records, under their cache keys.
struct StoredAnswers: AnswerCache {
    let store: any Store

    func answer(_ key: String) throws -> String? { try store.stageRecord(key) }

    func save(_ answer: String, for key: String) throws { try store.saveStageRecord(key, json: answer) }
}

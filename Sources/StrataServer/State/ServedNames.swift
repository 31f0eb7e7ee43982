import Logging
import StrataCore
import StrataLLM
import StrataPipeline
import Synchronization

/// The generative model's names of the topics and segments the API and dashboard show, when `strata
/// serve` has an endpoint (`--llm-url`). A model's names are asked in the background the first time it
/// is shown — answers meanwhile carry the keyword labels — then kept until its evidence changes (the
/// answers themselves are cached in the store, so a restart asks nothing again).
final class ServedNames: Sendable {
    /// The namer of the pipeline the server runs on; `nil` without an endpoint.
    let namer: LabelNamer?
    private let logger: Logger
    /// By kind (`topics`, `segments`): the fingerprint of the evidence named and its names, `nil` while asked.
    private let named = Mutex([String: (fingerprint: String, names: [Int: String]?)]())

    init(namer: LabelNamer?, logger: Logger) {
        self.namer = namer
        self.logger = logger
    }

    /// The names of `topics` and `segments` known so far, by id.
    func names(topics: TopicModel, segments: SegmentModel, titles: [String: String]) -> LabelNames {
        guard let namer else { return LabelNames() }
        let scope = namer.client.configuration.scope
        return LabelNames(
            topics: scope >= .catalog
                ? names(
                    "topics", ids: topics.topics.map(\.id), evidence: Pipeline.topicEvidence(topics, titles: titles))
                : [:],
            segments: scope >= .segments
                ? names(
                    "segments", ids: segments.segments.map(\.id),
                    evidence: Pipeline.segmentEvidence(segments, titles: titles)) : [:])
    }

    /// The names of `ids` once `evidence` is named; starts naming it (and answers `[:]`) the first time.
    private func names(_ kind: String, ids: [Int], evidence: [LabelEvidence]) -> [Int: String] {
        guard let namer, !ids.isEmpty else { return [:] }
        let fingerprint = TextHash.of(
            zip(ids, evidence).map { "\($0)\u{1F}\($1.keywords)\u{1F}\($1.titles)" }.joined(separator: "\u{1E}"))
        let (known, ask) = named.withLock { named -> ([Int: String], Bool) in
            if let entry = named[kind], entry.fingerprint == fingerprint { return (entry.names ?? [:], false) }
            named[kind] = (fingerprint, nil)
            return ([:], true)
        }
        guard ask else { return known }
        Task {
            let result = await namer.names(evidence)
            if let first = result.problems.first {
                self.logger.warning(
                    "the LLM did not name \(result.problems.count) of \(ids.count) \(kind), which keep their keyword labels (first: \(first))"
                )
            }
            let names = Dictionary(
                uniqueKeysWithValues: zip(ids, result.names).compactMap { id, name in name.map { (id, $0) } })
            self.named.withLock { if $0[kind]?.fingerprint == fingerprint { $0[kind] = (fingerprint, names) } }
        }
        return [:]
    }
}

extension StrataServer {
    /// The generative model's names of `snapshot`'s topics and segments known so far.
    func labelNames(_ snapshot: ServingState.Snapshot) -> LabelNames {
        names.names(topics: snapshot.topics, segments: snapshot.segments, titles: snapshot.recommender.explainer.titles)
    }
}

import Foundation
import StrataCore
import StrataRecommend
import StrataStore

/// What a stored stage was computed from, kept as JSON in the store's stage records, one type per
/// stage. A stage is current while its record's inputs equal the inputs it would read now; the
/// `…At` times (seconds since 1970) say when it ran. Every field decodes with a default when an older
/// record lacks it, so adding a field later does not make old records unreadable.
protocol StageRecord: Codable {
    /// The key the record is stored under.
    static func key(_ qualifier: String) -> String
}

/// The topics stage: when the stored topics were fitted or extended with new items.
struct TopicsRecord: StageRecord, Equatable {
    var modelID = ""
    var items = 0
    var fineTopics = 0
    var coarseTopics = 0
    /// Profiles built on topics of another fit are stale.
    var fittedAt = 0.0

    static func key(_ qualifier: String) -> String { "topics" }

    init(model: TopicModel, fittedAt: Double) {
        (modelID, items, fineTopics, coarseTopics) = (
            model.modelID, model.itemTopics.count, model.fine.count, model.coarse.count
        )
        self.fittedAt = fittedAt
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        modelID = try c.decodeIfPresent(String.self, forKey: .modelID) ?? ""
        items = try c.decodeIfPresent(Int.self, forKey: .items) ?? 0
        fineTopics = try c.decodeIfPresent(Int.self, forKey: .fineTopics) ?? 0
        coarseTopics = try c.decodeIfPresent(Int.self, forKey: .coarseTopics) ?? 0
        fittedAt = try c.decodeIfPresent(Double.self, forKey: .fittedAt) ?? 0
    }
}

/// What every profile depends on: the events (count and latest time), the topics' fit and the
/// profile configuration (hashed).
struct ProfileInputs: Codable, Equatable {
    var events = 0
    var lastEvent: Int64 = 0
    var topicsFittedAt = 0.0
    var configuration = ""

    init(events: Int, lastEvent: Int64, topicsFittedAt: Double, configuration: String) {
        (self.events, self.lastEvent, self.topicsFittedAt, self.configuration) = (
            events, lastEvent, topicsFittedAt, configuration
        )
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        events = try c.decodeIfPresent(Int.self, forKey: .events) ?? 0
        lastEvent = try c.decodeIfPresent(Int64.self, forKey: .lastEvent) ?? 0
        topicsFittedAt = try c.decodeIfPresent(Double.self, forKey: .topicsFittedAt) ?? 0
        configuration = try c.decodeIfPresent(String.self, forKey: .configuration) ?? ""
    }
}

/// The profiles stage: every stored profile reflects `inputs`.
struct ProfilesRecord: StageRecord {
    var inputs: ProfileInputs
    var computedAt = 0.0

    static func key(_ qualifier: String) -> String { "profiles" }

    init(inputs: ProfileInputs, computedAt: Double) {
        (self.inputs, self.computedAt) = (inputs, computedAt)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inputs = try c.decode(ProfileInputs.self, forKey: .inputs)
        computedAt = try c.decodeIfPresent(Double.self, forKey: .computedAt) ?? 0
    }
}

/// A layer's segments stage (qualified by the layer): fitted with `segmenter` on profiles of `profiles`.
struct SegmentsRecord: StageRecord {
    var profiles: ProfileInputs
    var segmenter: Segmenter
    var updatedAt = 0.0

    static func key(_ layer: String) -> String { "segments/\(layer)" }

    init(profiles: ProfileInputs, segmenter: Segmenter, updatedAt: Double) {
        (self.profiles, self.segmenter, self.updatedAt) = (profiles, segmenter, updatedAt)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        profiles = try c.decode(ProfileInputs.self, forKey: .profiles)
        segmenter = try c.decode(Segmenter.self, forKey: .segmenter)
        updatedAt = try c.decodeIfPresent(Double.self, forKey: .updatedAt) ?? 0
    }
}

/// The hybrid's parameters as `strata evaluate` tuned them on this store.
extension HybridParameters: StageRecord {
    static func key(_ qualifier: String) -> String { "recommend-parameters" }
}

/// The text encoder chosen for a store by its catalog's language, when the user chose none.
struct ModelChoiceRecord: StageRecord {
    var modelID = ""
    /// The share of items (with letters in their title or description) mostly in non-ASCII letters.
    var nonEnglishShare = 0.0
    var chosenAt = 0.0

    static func key(_ qualifier: String) -> String { "model-choice" }

    init(modelID: String, nonEnglishShare: Double, chosenAt: Double) {
        (self.modelID, self.nonEnglishShare, self.chosenAt) = (modelID, nonEnglishShare, chosenAt)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        modelID = try c.decode(String.self, forKey: .modelID)
        nonEnglishShare = try c.decodeIfPresent(Double.self, forKey: .nonEnglishShare) ?? 0
        chosenAt = try c.decodeIfPresent(Double.self, forKey: .chosenAt) ?? 0
    }
}

extension Store {
    /// The stored record of a stage, `nil` when there is none or it cannot be read (a record of an
    /// earlier format: the stage then counts as stale and runs again).
    func record<Record: StageRecord>(_ type: Record.Type, _ qualifier: String = "") throws -> Record? {
        guard let json = try stageRecord(Record.key(qualifier)) else { return nil }
        return try? JSONDecoder().decode(Record.self, from: Data(json.utf8))
    }

    /// Stores a stage's record.
    func save<Record: StageRecord>(_ record: Record, _ qualifier: String = "") throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try saveStageRecord(Record.key(qualifier), json: String(decoding: try encoder.encode(record), as: UTF8.self))
    }
}

extension Pipeline {
    /// Now, as the records' times have it.
    static var now: Double { Date().timeIntervalSince1970 }
}

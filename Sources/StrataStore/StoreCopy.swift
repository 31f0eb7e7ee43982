import StrataCore

/// Copies everything one store holds into another (`strata migrate`), whatever their back-ends.
///
/// Idempotent: the raw data goes through the destination's writer (stored items and users are updated,
/// stored events kept), derived data replaces the destination's. Ends by comparing counts.
public enum StoreCopy {
    /// What was copied, counted in the destination after the copy.
    public struct Report: Sendable, Equatable {
        public var stats: StoreStats
        public var profiles: Int
        /// Vectors per model id.
        public var vectors: [String: Int]
        public var segmentModels: Int
        public var stageRecords: Int
    }

    /// The copy's counts differ from the source's.
    public struct Mismatch: Error, CustomStringConvertible {
        public let source: Report
        public let destination: Report

        public var description: String {
            "after the copy the destination holds \(destination) but the source \(source)"
                + " (a destination that held other data before keeps it; copy into an empty one)"
        }
    }

    /// Copies `source` into `destination` and checks that both now hold the same counts.
    @discardableResult
    public static func copy(from source: any Store, to destination: any Store) throws -> Report {
        try destination.write { writer in
            for item in try source.items() { try writer.upsert(item) }
            for user in try source.users() { try writer.upsert(user) }
            try source.forEachEvent { try writer.insert($0) }
        }
        for model in try source.modelIDs() {
            try destination.saveEmbeddings(try source.embeddings(model: model), model: model)
            if let topics = try source.topicModel(model: model) { try destination.saveTopicModel(topics) }
        }
        try destination.saveProfiles(try source.profiles())
        for layer in LayerKind.allCases {
            if let model = try source.segmentModel(layer: layer) { try destination.saveSegmentModel(model, users: nil) }
        }
        for (stage, json) in try source.stageRecords() { try destination.saveStageRecord(stage, json: json) }
        let (before, after) = (try report(source), try report(destination))
        guard before == after else { throw Mismatch(source: before, destination: after) }
        return after
    }

    /// The counts of `store`.
    public static func report(_ store: any Store) throws -> Report {
        var vectors: [String: Int] = [:]
        for model in try store.modelIDs() { vectors[model] = try store.loadEmbeddings(model: model).itemIDs.count }
        return Report(
            stats: try store.stats(), profiles: try store.profiles().count, vectors: vectors,
            segmentModels: try LayerKind.allCases.filter { try store.segmentModel(layer: $0) != nil }.count,
            stageRecords: try store.stageRecords().count)
    }
}

import Foundation
import GRDB
import StrataCore

/// What the pipeline derives from the raw data: topic models (as JSON), user profiles (interests as
/// JSON, the three layer vectors as Float32 blobs) and the fingerprints of the inputs they came from.
extension SQLiteStore {
    public func topicModel(model: String) throws -> TopicModel? {
        let json: String? = try pool.read { db in
            try String.fetchOne(db, sql: "SELECT model FROM topic_models WHERE model_id = ?", arguments: [model])
        }
        return try json.map { try JSONDecoder().decode(TopicModel.self, from: Data($0.utf8)) }
    }

    public func saveTopicModel(_ topics: TopicModel) throws {
        let json = String(decoding: try JSONEncoder().encode(topics), as: UTF8.self)
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO topic_models(model_id, model) VALUES (?, ?)",
                           arguments: [topics.modelID, json])
        }
    }

    public func profile(user: String) throws -> UserProfile? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM profiles WHERE user_id = ?", arguments: [user]).map(Self.profile)
        }
    }

    public func profiles() throws -> [UserProfile] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM profiles ORDER BY user_id").map(Self.profile)
        }
    }

    public func saveProfiles(_ profiles: [UserProfile]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try pool.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO profiles(user_id, reference_time, event_count, interests, surface, middle, deep)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for profile in profiles {
                let interests = StoredInterests(surface: profile.surface.interests, middle: profile.middle.interests,
                                                deep: profile.deep.interests)
                try statement.execute(arguments: [
                    profile.user, profile.referenceTime, profile.eventCount,
                    String(decoding: try encoder.encode(interests), as: UTF8.self),
                    Self.blob(profile.surface.vector), Self.blob(profile.middle.vector), Self.blob(profile.deep.vector),
                ])
            }
        }
    }

    public func stageRecord(_ stage: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT fingerprint FROM stage_inputs WHERE stage = ?", arguments: [stage])
        }
    }

    public func saveStageRecord(_ stage: String, json: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO stage_inputs(stage, fingerprint) VALUES (?, ?)", arguments: [stage, json])
        }
    }

    /// The interests of the three layers, as stored.
    private struct StoredInterests: Codable {
        var surface: [Interest]
        var middle: [Interest]
        var deep: [Interest]
    }

    static func profile(_ row: Row) throws -> UserProfile {
        let interests = try JSONDecoder().decode(StoredInterests.self, from: Data((row["interests"] as String).utf8))
        return UserProfile(
            user: row["user_id"],
            surface: InterestLayer(interests: interests.surface, vector: floats(row["surface"])),
            middle: InterestLayer(interests: interests.middle, vector: floats(row["middle"])),
            deep: InterestLayer(interests: interests.deep, vector: floats(row["deep"])),
            referenceTime: row["reference_time"],
            eventCount: row["event_count"])
    }

    static func blob(_ vector: [Float]) -> Data {
        vector.withUnsafeBufferPointer { Data(buffer: $0) }
    }

    static func floats(_ blob: Data) -> [Float] {
        blob.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}

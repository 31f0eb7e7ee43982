import Foundation
import GRDB
import StrataCore
import StrataStore

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
            try db.execute(
                sql: "INSERT OR REPLACE INTO topic_models(model_id, model) VALUES (?, ?)",
                arguments: [topics.modelID, json])
        }
    }

    public func profile(user: String) throws -> UserProfile? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM profiles WHERE user_id = ?", arguments: [user]).map(Self.profile)
        }
    }

    public func forEachProfile(_ body: (UserProfile) throws -> Void) throws {
        try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM profiles ORDER BY user_id")
            while let row = try rows.next() { try body(Self.profile(row)) }
        }
    }

    public func saveProfiles(_ profiles: [UserProfile]) throws {
        try pool.write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO profiles(user_id, reference_time, event_count, interests, surface, middle, deep)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for profile in profiles {
                try statement.execute(arguments: [
                    profile.user, profile.referenceTime, profile.eventCount,
                    try StoredForm.json(StoredForm.Interests(profile)),
                    StoredForm.blob(profile.surface.vector), StoredForm.blob(profile.middle.vector),
                    StoredForm.blob(profile.deep.vector)
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
            try db.execute(
                sql: "INSERT OR REPLACE INTO stage_inputs(stage, fingerprint) VALUES (?, ?)", arguments: [stage, json])
        }
    }

    public func stageRecords() throws -> [String: String] {
        try pool.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT stage, fingerprint FROM stage_inputs").map {
                    ($0[0], $0[1])
                })
        }
    }

    public func modelIDs() throws -> [String] {
        try pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT model_id FROM item_embeddings UNION SELECT model_id FROM topic_models ORDER BY 1
                    """)
        }
    }

    static func profile(_ row: Row) throws -> UserProfile {
        try StoredForm.profile(
            user: row["user_id"], referenceTime: row["reference_time"], eventCount: row["event_count"],
            interests: row["interests"], surface: row["surface"], middle: row["middle"], deep: row["deep"])
    }
}

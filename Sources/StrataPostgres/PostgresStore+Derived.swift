import Foundation
import PostgresNIO
import StrataCore
import StrataStore

/// What the pipeline derives from the raw data, stored as in SQLite (`StoredForm`); profiles are
/// written in one `COPY` per call.
extension PostgresStore {
    public func topicModel(model: String) throws -> TopicModel? {
        try connections.rows("SELECT model FROM topic_models WHERE model_id = \(model)").first.map { row in
            try StoredForm.decode(TopicModel.self, json: try row.decode(String.self))
        }
    }

    public func saveTopicModel(_ topics: TopicModel) throws {
        let json = String(decoding: try JSONEncoder().encode(topics), as: UTF8.self)
        try connections.withConnection { lease in
            try lease.execute(
                """
                INSERT INTO topic_models(model_id, model) VALUES (\(topics.modelID), \(json))
                ON CONFLICT (model_id) DO UPDATE SET model = excluded.model
                """)
        }
    }

    public func profile(user: String) throws -> UserProfile? {
        try connections.rows("SELECT \(unescaped: Self.profileColumns) FROM profiles WHERE user_id = \(user)").first
            .map(Self.profile)
    }

    public func forEachProfile(_ body: (UserProfile) throws -> Void) throws {
        try connections.withConnection { lease in
            try lease.transaction {
                try lease.execute(
                    """
                    DECLARE every_profile NO SCROLL CURSOR FOR
                    SELECT \(unescaped: Self.profileColumns) FROM profiles ORDER BY user_id
                    """)
                while true {
                    let page = try lease.rows("FETCH FORWARD 2000 FROM every_profile")
                    for row in page { try body(try Self.profile(row)) }
                    if page.isEmpty { break }
                }
            }
        }
    }

    public func saveProfiles(_ profiles: [UserProfile]) throws {
        var rows = CopyRows()
        for profile in profiles {
            rows.text(profile.user)
            rows.integer(profile.referenceTime)
            rows.integer(profile.eventCount)
            rows.text(try StoredForm.json(StoredForm.Interests(profile)))
            rows.bytes(StoredForm.blob(profile.surface.vector))
            rows.bytes(StoredForm.blob(profile.middle.vector))
            rows.bytes(StoredForm.blob(profile.deep.vector))
            rows.endRow()
        }
        try connections.withConnection { lease in
            try lease.transaction {
                try lease.upsert(
                    into: "profiles", columns: Self.profileColumns.components(separatedBy: ", "), key: ["user_id"],
                    rows: rows, conflict: .replace)
            }
        }
    }

    public func stageRecord(_ stage: String) throws -> String? {
        try connections.rows("SELECT fingerprint FROM stage_inputs WHERE stage = \(stage)").first.map {
            try $0.decode(String.self)
        }
    }

    public func saveStageRecord(_ stage: String, json: String) throws {
        try connections.withConnection { lease in
            try lease.execute(
                """
                INSERT INTO stage_inputs(stage, fingerprint) VALUES (\(stage), \(json))
                ON CONFLICT (stage) DO UPDATE SET fingerprint = excluded.fingerprint
                """)
        }
    }

    public func stageRecords() throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try connections.rows("SELECT stage, fingerprint FROM stage_inputs").map {
                try $0.decode((String, String).self)
            })
    }

    public func modelIDs() throws -> [String] {
        try connections.rows(
            """
            SELECT model_id FROM item_embeddings UNION SELECT model_id FROM topic_models ORDER BY 1
            """
        ).map { try $0.decode(String.self) }
    }

    /// The columns `profile(_:)` reads, in its order.
    static let profileColumns = "user_id, reference_time, event_count, interests, surface, middle, deep"

    static func profile(_ row: PostgresRow) throws -> UserProfile {
        let (user, referenceTime, eventCount, interests, surface, middle, deep) = try row.decode(
            (String, Int64, Int, String, ByteBuffer, ByteBuffer, ByteBuffer).self)
        return try StoredForm.profile(
            user: user, referenceTime: referenceTime, eventCount: eventCount, interests: interests,
            surface: Data(buffer: surface), middle: Data(buffer: middle), deep: Data(buffer: deep))
    }
}

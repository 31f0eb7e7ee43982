import Foundation
import PostgresNIO
import StrataCore
import StrataStore

/// Segment models, as in SQLite: the segments of each layer as JSON, one row of memberships per user.
extension PostgresStore {
    public func segmentModel(layer: LayerKind) throws -> SegmentModel? {
        try connections.withConnection { lease in
            try lease.transaction {
                guard let row = try lease.rows("SELECT model FROM segment_models WHERE layer = \(layer.rawValue)").first
                else { return nil }
                var model = try StoredForm.decode(SegmentModel.self, json: try row.decode(String.self))
                for row in try lease.rows(
                    """
                    SELECT user_id, segment, memberships FROM segment_memberships WHERE layer = \(layer.rawValue)
                    """)
                {
                    let (user, segment, memberships) = try row.decode((String, Int, String).self)
                    model.memberships[user] = SegmentMembership(
                        user: user, segment: segment,
                        memberships: try StoredForm.decode([WeightedSegment].self, json: memberships))
                }
                return model
            }
        }
    }

    public func saveSegmentModel(_ model: SegmentModel, users: [String]?) throws {
        try connections.withConnection { lease in
            try lease.transaction { try Self.write(model, users: users, fitted: false, lease) }
        }
    }

    public func saveFittedSegments(_ model: SegmentModel) throws -> Int {
        try connections.withConnection { lease in
            try lease.transaction {
                let number = try Self.write(model, users: nil, fitted: true, lease)
                try lease.execute(
                    """
                    SELECT pg_notify(\(PostgresEventFeed.channel), \(PostgresEventFeed.segmentsFitted(origin: origin)))
                    """)
                return number
            }
        }
    }

    public func segmentFitNumber(layer: LayerKind) throws -> Int {
        try connections.rows("SELECT fit_number FROM segment_models WHERE layer = \(layer.rawValue)").first?
            .decode(Int.self) ?? 0
    }

    /// Writes `model` inside the lease's transaction (memberships as `saveSegmentModel` says), counting
    /// one more fit when `fitted`; returns the layer's fit number.
    @discardableResult private static func write(
        _ model: SegmentModel, users: [String]?, fitted: Bool, _ lease: PostgresConnections.Lease
    ) throws -> Int {
        let json = try StoredForm.bareSegmentModelJSON(model)
        let layer = model.layer.rawValue
        var rows = CopyRows()
        var gone: [String] = []
        for user in users ?? model.memberships.keys.sorted() {
            guard let membership = model.memberships[user] else {
                gone.append(user)
                continue
            }
            rows.text(layer)
            rows.text(user)
            rows.integer(membership.segment)
            rows.text(try StoredForm.json(membership.memberships))
            rows.endRow()
        }
        let added = fitted ? 1 : 0
        let number = try lease.rows(
            """
            INSERT INTO segment_models(layer, model, fit_number) VALUES (\(layer), \(json), \(added))
            ON CONFLICT (layer) DO UPDATE SET model = excluded.model, fit_number = segment_models.fit_number + \(added)
            RETURNING fit_number
            """)[0].decode(Int.self)
        if users == nil { try lease.execute("DELETE FROM segment_memberships WHERE layer = \(layer)") }
        if !gone.isEmpty {
            try lease.execute("DELETE FROM segment_memberships WHERE layer = \(layer) AND user_id = ANY(\(gone))")
        }
        try lease.upsert(
            into: "segment_memberships", columns: ["layer", "user_id", "segment", "memberships"],
            key: ["layer", "user_id"], rows: rows, conflict: .replace)
        return number
    }
}

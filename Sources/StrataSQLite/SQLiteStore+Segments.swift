import Foundation
import GRDB
import StrataCore
import StrataStore

/// Segment models: the segments of each layer as JSON, and one row of memberships per user.
extension SQLiteStore {
    public func segmentModel(layer: LayerKind) throws -> SegmentModel? {
        try pool.read { db in
            guard
                let json = try String.fetchOne(
                    db, sql: "SELECT model FROM segment_models WHERE layer = ?", arguments: [layer.rawValue])
            else { return nil }
            var model = try JSONDecoder().decode(SegmentModel.self, from: Data(json.utf8))
            let rows = try Row.fetchCursor(
                db, sql: "SELECT user_id, segment, memberships FROM segment_memberships WHERE layer = ?",
                arguments: [layer.rawValue])
            let decoder = JSONDecoder()
            while let row = try rows.next() {
                let user: String = row["user_id"]
                model.memberships[user] = SegmentMembership(
                    user: user, segment: row["segment"],
                    memberships: try decoder.decode(
                        [WeightedSegment].self, from: Data((row["memberships"] as String).utf8)))
            }
            return model
        }
    }

    public func saveSegmentModel(_ model: SegmentModel, users: [String]?) throws {
        let json = try StoredForm.bareSegmentModelJSON(model)
        let layer = model.layer.rawValue
        try pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO segment_models(layer, model) VALUES (?, ?)", arguments: [layer, json])
            if users == nil {
                try db.execute(sql: "DELETE FROM segment_memberships WHERE layer = ?", arguments: [layer])
            }
            let upsert = try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO segment_memberships(layer, user_id, segment, memberships) VALUES (?, ?, ?, ?)
                    """)
            let delete = try db.makeStatement(sql: "DELETE FROM segment_memberships WHERE layer = ? AND user_id = ?")
            for user in users ?? model.memberships.keys.sorted() {
                if let membership = model.memberships[user] {
                    try upsert.execute(arguments: [
                        layer, user, membership.segment,
                        try StoredForm.json(membership.memberships)
                    ])
                } else {
                    try delete.execute(arguments: [layer, user])
                }
            }
        }
    }
}

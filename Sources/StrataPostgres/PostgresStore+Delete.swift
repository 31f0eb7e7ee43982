import PostgresNIO
import StrataCore
import StrataStore

extension PostgresStore {
    /// Deletes from every table keyed by user (`StoredForm.userTables`) and from the stored segment
    /// models the user is in (as a member or a representative), and every kept fit, in one transaction.
    public func deleteUser(_ userID: String) throws -> Bool {
        try connections.withConnection { lease in
            try lease.transaction {
                let models = try lease.rows(
                    """
                    SELECT m.layer, m.model, s.segment FROM segment_models m
                    LEFT JOIN segment_memberships s ON s.layer = m.layer AND s.user_id = \(userID)
                    FOR UPDATE OF m
                    """)
                for row in models {
                    let (layer, json, segment) = try row.decode((String, String, Int?).self)
                    guard
                        let model = StoredForm.segmentModel(
                            try StoredForm.decode(SegmentModel.self, json: json), without: userID, segment: segment)
                    else { continue }
                    try lease.execute(
                        """
                        UPDATE segment_models SET model = \(try StoredForm.bareSegmentModelJSON(model)) WHERE layer = \(layer)
                        """)
                }
                for table in StoredForm.userTables {
                    try lease.execute(
                        "DELETE FROM \(unescaped: table.name) WHERE \(unescaped: table.column) = \(userID)")
                }
                // Kept fits were fitted on the user's interactions among others: the next fit reads the data without them.
                let deleted = try lease.execute("DELETE FROM users WHERE id = \(userID)") > 0
                if deleted { try lease.execute("DELETE FROM kept_fits") }
                return deleted
            }
        }
    }
}

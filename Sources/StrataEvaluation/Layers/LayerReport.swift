import StrataCore

/// What `strata evaluate --layers` measured: one row per horizon, level and predictor (a layer or a
/// baseline), averaged over the users with events at that horizon.
public struct LayerReport: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var horizon: LayerEvaluation.Horizon
        /// The layer scored at this horizon.
        public var layer: LayerKind
        public var level: LayerEvaluation.Level
        /// The layer's name, or the baseline's.
        public var predictor: String
        public var precisionAtK: Double
        public var ndcgAtK: Double
        /// 1 − the total variation distance between the predicted and the future shares.
        public var calibration: Double
        public var users: Int

        var predictorOrder: Int { LayerKind(rawValue: predictor) != nil ? 0 : 1 }
    }

    public var k: Int
    /// The users with held-out events.
    public var users: Int
    public var hasCategories: Bool
    public var rows: [Row]

    /// The rows as a Markdown table, with a note when the catalog has no categories.
    public var table: String {
        var lines = [
            "layers against what \(users) users did next (temporal 80/20 split; interests: fine topics for surface and middle, coarse for deep)",
            "",
            "| horizon | layer | level | predictor | P@\(k) | NDCG@\(k) | calibration | users |",
            "|---|---|---|---|---|---|---|---|"
        ]
        for row in rows {
            lines.append(
                "| \(row.horizon.rawValue) | \(row.layer.rawValue) | \(row.level.rawValue) | \(row.predictor) | "
                    + [row.precisionAtK, row.ndcgAtK, row.calibration].map { String(format: "%.4f", $0) }.joined(
                        separator: " | ") + " | \(row.users) |")
        }
        if !hasCategories { lines += ["", "the catalog has no categories: interests are compared as topics only"] }
        return lines.joined(separator: "\n")
    }
}

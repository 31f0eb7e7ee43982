import StrataCore
import StrataEvaluation

/// The API's account of a store's layer evaluation: the settings `strata evaluate --layers` chose and kept,
/// and each layer's scores at its horizon beside the baselines'.
public struct LayerEvaluationView: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var horizon: String
        public var layer: String
        public var level: String
        /// The layer's name, or the baseline's.
        public var predictor: String
        public var precision: Double
        public var ndcg: Double
        public var calibration: Double
        public var users: Int
    }

    public struct Settings: Codable, Sendable {
        public var halfLifeDays: Double
        public var surfaceSize: Int
        public var surfaceDecay: Double
        public var windows: Int
        public var eventWeights: [String: Double]

        enum CodingKeys: String, CodingKey {
            case halfLifeDays = "half_life_days"
            case surfaceSize = "surface_size"
            case surfaceDecay = "surface_decay"
            case windows
            case eventWeights = "event_weights"
        }
    }

    /// Interests per user the precision and NDCG are at.
    public var k: Int
    public var users: Int
    public var settings: Settings
    public var rows: [Row]

    public init(settings: ProfileConfiguration, report: LayerReport) {
        k = report.k
        users = report.users
        self.settings = Settings(
            halfLifeDays: settings.halfLifeDays, surfaceSize: settings.surfaceSize,
            surfaceDecay: settings.surfaceDecay, windows: settings.windowCount,
            eventWeights: Dictionary(uniqueKeysWithValues: settings.eventWeights.map { ($0.key.rawValue, $0.value) }))
        rows = report.rows.map {
            Row(
                horizon: $0.horizon.rawValue, layer: $0.layer.rawValue, level: $0.level.rawValue,
                predictor: $0.predictor, precision: $0.precisionAtK, ndcg: $0.ndcgAtK, calibration: $0.calibration,
                users: $0.users)
        }
    }
}

/// How a user's layers moved: their profile at cuts through their history, oldest first.
public struct LayerHistoryView: Codable, Sendable {
    public var user: String
    public var points: [ProfileView]

    public init(user: String, profiles: [UserProfile]) {
        self.user = user
        points = profiles.map { ProfileView($0) }
    }
}

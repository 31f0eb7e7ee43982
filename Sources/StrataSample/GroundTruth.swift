/// What the simulator planted, for later stages to test that Strata recovers it.
public struct GroundTruth: Codable, Sendable, Equatable {
    public struct Segment: Codable, Sendable, Equatable {
        public let id: Int
        public let name: String
        /// The two long-term interests (category paths) that define the segment.
        public let interests: [String]
        public let users: Int
    }

    public struct UserTruth: Codable, Sendable, Equatable {
        public let id: String
        public let segment: Int
        /// Interests present through the whole history (both segment interests, or the one a
        /// drifting user kept).
        public let longTerm: [String]
        /// Interests planted only in the recent window (empty when the recent part looks like the past).
        public let recent: [String]
        public let drifting: Bool
        /// For a drifting user: the segment interest dropped halfway, and the one that replaced it.
        public let driftFrom: String?
        public let driftTo: String?
        /// For a user whose interests change in the next week: the new interest there.
        public let nextWeekInterest: String?
    }

    public let seed: UInt64
    /// The history spans `start ..< end` (Unix seconds); the recent window is `recentStart ..< end`;
    /// the next week spans `end ..< nextWeekEnd`.
    public let start: Int64
    public let recentStart: Int64
    public let end: Int64
    public let nextWeekEnd: Int64
    public let segments: [Segment]
    public let users: [UserTruth]
}

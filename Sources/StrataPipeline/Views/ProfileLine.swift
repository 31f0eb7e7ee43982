import StrataCore

/// One user's three layers as one line of `strata profile --all-users --format jsonl` (and of what batch
/// jobs read and write): `{"user_id", "layers": {"surface": {"interests": [{"topic", "label", "weight",
/// "evidence"}], "categories": {…}}, "middle": …, "deep": …}}`.
public struct ProfileLine: Encodable, Equatable, Sendable {
    public var userID: String
    public var layers: [String: Layer]

    /// A layer's interests and, where the catalog has categories, its weight spread over them.
    public struct Layer: Encodable, Equatable, Sendable {
        public var interests: [InterestLine]
        /// The layer's weight spread over its evidence items' leaf categories (`Interest.categoryShares`);
        /// absent when none of them has a category.
        public var categories: [String: Double]?
    }

    public struct InterestLine: Encodable, Equatable, Sendable {
        public var topic: Int?
        public var label: String
        public var weight: Double
        public var evidence: [String]
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case layers
    }

    /// `profile`'s line; `categories` gives each item's category paths (`A>B` counts as its leaf `B`).
    public init(_ profile: UserProfile, categories: [String: [String]]) {
        userID = profile.user
        layers = Dictionary(
            uniqueKeysWithValues: LayerKind.allCases.map { kind in
                let interests = profile.layer(kind).interests
                return (
                    kind.rawValue,
                    Layer(
                        interests: interests.map {
                            InterestLine(topic: $0.topic, label: $0.label, weight: $0.weight, evidence: $0.evidence)
                        },
                        categories: Interest.categoryShares(interests, categories: categories))
                )
            })
    }
}

/// A group of catalog items about one thing, named by its keywords and categories.
///
/// Fine topics come from clustering item vectors; coarse topics merge fine ones. Both share one id
/// space: fine topics first, then coarse ones, and every fine topic's `parent` is a coarse topic.
public struct Topic: Codable, Equatable, Sendable {
    /// Where a topic sits in the hierarchy.
    public enum Level: String, Codable, Sendable {
        case fine, coarse
    }

    public var id: Int
    public var level: Level
    /// A short human-readable name: the dominant categories and the best keywords.
    public var label: String
    /// The best c-TF-IDF terms of the topic's item texts, best first.
    public var keywords: [String]
    /// The number of items in the topic.
    public var size: Int
    /// The coarse topic a fine topic belongs to; `nil` for coarse topics.
    public var parent: Int?
    /// The items nearest the topic's centroid, nearest first.
    public var representativeItems: [String]
    /// The L2-normalised mean of the topic's item vectors.
    public var centroid: [Float]

    public init(
        id: Int, level: Level, label: String, keywords: [String], size: Int, parent: Int?,
        representativeItems: [String], centroid: [Float]
    ) {
        self.id = id
        self.level = level
        self.label = label
        self.keywords = keywords
        self.size = size
        self.parent = parent
        self.representativeItems = representativeItems
        self.centroid = centroid
    }
}

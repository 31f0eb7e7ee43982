/// What a topic's or a segment's name is made from: its keywords and representative item titles —
/// catalog texts and aggregates, never anything that identifies a user.
public struct LabelEvidence: Sendable, Equatable {
    /// What is named.
    public enum Kind: String, Sendable {
        /// A group of catalog items.
        case topic
        /// A group of users, by the interests they share.
        case segment
    }

    public var kind: Kind
    /// The keywords, best first.
    public var keywords: [String]
    /// Titles of representative items.
    public var titles: [String]

    public init(kind: Kind, keywords: [String], titles: [String]) {
        self.kind = kind
        self.keywords = keywords
        self.titles = titles
    }

    /// Whether the evidence is written in Chinese characters (a third of its letters or more), so the
    /// name should be too.
    public var isChinese: Bool { Grounding.isChinese(keywords + titles) }
}

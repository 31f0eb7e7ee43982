/// One thing one user did with one item at one time.
///
/// Two events are the same event when user, item, type, timestamp and text agree (a user may put two
/// different tags on one item in the same second): that identity makes re-importing change nothing.
public struct Event: Hashable, Sendable, Codable {
    public var userID: String
    public var itemID: String
    public var type: EventType
    /// Unix seconds (UTC).
    public var timestamp: Int64
    /// A number that comes with the event, such as a rating.
    public var value: Double?
    /// Text that comes with the event, such as a review, a tag or a search query (never empty).
    public var text: String?

    public init(
        userID: String, itemID: String, type: EventType, timestamp: Int64,
        value: Double? = nil, text: String? = nil
    ) {
        self.userID = userID
        self.itemID = itemID
        self.type = type
        self.timestamp = timestamp
        self.value = value
        self.text = text
    }
}

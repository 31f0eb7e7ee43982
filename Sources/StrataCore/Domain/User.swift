/// A person using the platform, with whatever attributes the platform knows (for cold start).
public struct User: Hashable, Sendable, Codable {
    public var id: String
    /// Free attributes such as `age`, `gender`, `occupation`, `location`.
    public var attributes: [String: String]

    public init(id: String, attributes: [String: String] = [:]) {
        self.id = id
        self.attributes = attributes
    }
}

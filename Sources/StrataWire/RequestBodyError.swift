/// A request body the API refuses: bad JSON, a field of the wrong type or missing, or a value out of
/// bounds. The server answers it with a 400 whose message is `message`.
public struct RequestBodyError: Error, Equatable, CustomStringConvertible {
    /// One line naming the field at fault (`events[0].item_id: …`) and what is wrong with it.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

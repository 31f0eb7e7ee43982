import StrataMath

/// Anything that turns texts into fixed-length vectors; the BERT encoder is one, other models and
/// back-ends can plug in behind the same protocol.
public protocol TextEmbedder: Sendable {
    /// A stable name of the model, stored with every vector so a changed model invalidates them.
    var modelID: String { get }
    /// The length of every vector.
    var dimension: Int { get }
    /// Put in front of a catalog item's text before it is embedded (e5's `passage: `).
    var passagePrefix: String { get }
    /// Put in front of a user's own words, a search or a cold-start sentence (e5's `query: `).
    var queryPrefix: String { get }
    /// One L2-normalised row per text, in input order. `progress` is told how many texts are done.
    func embed(_ texts: [String], progress: (@Sendable (Int) -> Void)?) -> Matrix
}

extension TextEmbedder {
    /// The vectors of `texts`, one row each, without progress reports.
    public func embed(_ texts: [String]) -> Matrix { embed(texts, progress: nil) }

    /// The vector of one text.
    public func embed(_ text: String) -> [Float] { embed([text], progress: nil).row(0) }

    /// No prefix: models trained without them.
    public var passagePrefix: String { "" }
    public var queryPrefix: String { "" }

    /// The vectors of catalog items' texts, each embedded with `passagePrefix` in front.
    public func embedPassages(_ texts: [String], progress: (@Sendable (Int) -> Void)? = nil) -> Matrix {
        embed(passagePrefix.isEmpty ? texts : texts.map { passagePrefix + $0 }, progress: progress)
    }

    /// The vector of a user's text, embedded with `queryPrefix` in front.
    public func embedQuery(_ text: String) -> [Float] { embed(queryPrefix + text) }
}

import StrataMath

/// Anything that turns texts into fixed-length vectors; the BERT encoder is one, other models and
/// back-ends can plug in behind the same protocol.
public protocol TextEmbedder: Sendable {
    /// A stable name of the model, stored with every vector so a changed model invalidates them.
    var modelID: String { get }
    /// The length of every vector.
    var dimension: Int { get }
    /// One L2-normalised row per text, in input order. `progress` is told how many texts are done.
    func embed(_ texts: [String], progress: (@Sendable (Int) -> Void)?) -> Matrix
}

extension TextEmbedder {
    /// The vectors of `texts`, one row each, without progress reports.
    public func embed(_ texts: [String]) -> Matrix { embed(texts, progress: nil) }

    /// The vector of one text.
    public func embed(_ text: String) -> [Float] { embed([text], progress: nil).row(0) }
}

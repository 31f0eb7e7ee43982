import Foundation

/// One line of `../shared/fixtures/minilm/cases.jsonl`: a text with the token ids Hugging Face's
/// tokenizer gives and the normalised embedding sentence-transformers gives.
public struct MiniLMReferenceCase: Decodable, Sendable, CustomStringConvertible {
    public let id: String
    public let text: String
    public let inputIds: [Int32]
    public let embedding: [Float]

    enum CodingKeys: String, CodingKey {
        case id, text, embedding
        case inputIds = "input_ids"
    }

    public var description: String { id }

    /// All reference cases, in file order.
    public static let all: [MiniLMReferenceCase] = {
        RepositoryPaths.jsonLines(RepositoryPaths.shared.appendingPathComponent("fixtures/minilm/cases.jsonl"))
    }()
}

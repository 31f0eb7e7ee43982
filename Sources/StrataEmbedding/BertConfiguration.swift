import Foundation
import StrataText

/// The architecture sizes of a BERT model, read from its `config.json`.
public struct BertConfiguration: Sendable, Equatable {
    public var vocabularySize: Int
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var typeVocabularySize: Int
    public var layerNormEpsilon: Float

    /// Sizes given directly (a model file that carries them in its own header).
    public init(
        vocabularySize: Int, hiddenSize: Int, layerCount: Int, headCount: Int, intermediateSize: Int,
        maxPositions: Int, typeVocabularySize: Int, layerNormEpsilon: Float
    ) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
        self.layerNormEpsilon = layerNormEpsilon
    }

    /// Reads `config.json`; every size is required, `type_vocab_size` defaults to 2 and
    /// `layer_norm_eps` to 1e-12 as in Hugging Face. Only the exact (erf) GELU activation is supported.
    public init(contentsOf url: URL) throws {
        let path = url.path
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelError.missingFile(path) }
        guard let json = (try? JSONValue.parse(data))?.objectValue else {
            throw ModelError.invalidConfiguration(path, field: "(file)", expected: "a JSON object")
        }
        func size(_ field: String, default value: Int? = nil) throws -> Int {
            if let number = json[field]?.intValue, number > 0 { return number }
            if json[field] == nil, let value { return value }
            throw ModelError.invalidConfiguration(path, field: field, expected: "a positive integer")
        }
        vocabularySize = try size("vocab_size")
        hiddenSize = try size("hidden_size")
        layerCount = try size("num_hidden_layers")
        headCount = try size("num_attention_heads")
        intermediateSize = try size("intermediate_size")
        maxPositions = try size("max_position_embeddings")
        typeVocabularySize = try size("type_vocab_size", default: 2)
        layerNormEpsilon = Float(json["layer_norm_eps"]?.doubleValue ?? 1e-12)
        guard hiddenSize % headCount == 0 else {
            throw ModelError.invalidConfiguration(
                path, field: "num_attention_heads", expected: "a divisor of hidden_size \(hiddenSize)")
        }
        let activation = json["hidden_act"]?.stringValue ?? "gelu"
        guard activation == "gelu" else {
            throw ModelError.invalidConfiguration(
                path, field: "hidden_act", expected: "\"gelu\" (got \"\(activation)\")")
        }
    }

    /// The width of one attention head.
    public var headSize: Int { hiddenSize / headCount }
}

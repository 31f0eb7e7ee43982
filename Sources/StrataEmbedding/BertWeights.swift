import Foundation

/// The weights of a BERT encoder, laid out for the forward pass: every linear layer as a row-major
/// `[out, in]` matrix, and each layer's query, key and value projections fused into one `[3·H, H]`.
struct BertWeights: Sendable {
    struct LayerNorm: Sendable {
        var gamma: [Float]
        var beta: [Float]
    }

    struct Layer: Sendable {
        var qkvWeight: [Float]
        var qkvBias: [Float]
        var attentionOutputWeight: [Float]
        var attentionOutputBias: [Float]
        var attentionNorm: LayerNorm
        var intermediateWeight: [Float]
        var intermediateBias: [Float]
        var outputWeight: [Float]
        var outputBias: [Float]
        var outputNorm: LayerNorm
    }

    var wordEmbeddings: [Float]
    var positionEmbeddings: [Float]
    var tokenTypeEmbeddings: [Float]
    var embeddingNorm: LayerNorm
    var layers: [Layer]

    /// Reads the tensors of `file` for `configuration`, accepting names with or without a `bert.`
    /// prefix and LayerNorm parameters named `weight`/`bias` or `gamma`/`beta`.
    init(file: SafeTensors, configuration c: BertConfiguration) throws {
        let prefix = file.entries.keys.contains { $0.hasPrefix("bert.embeddings.") } ? "bert." : ""
        func tensor(_ name: String, _ shape: [Int]) throws -> [Float] {
            try file.floats(prefix + name, shape: shape)
        }
        func norm(_ name: String) throws -> LayerNorm {
            let h = c.hiddenSize
            if file.entries[prefix + name + ".weight"] != nil {
                return LayerNorm(gamma: try tensor(name + ".weight", [h]), beta: try tensor(name + ".bias", [h]))
            }
            return LayerNorm(gamma: try tensor(name + ".gamma", [h]), beta: try tensor(name + ".beta", [h]))
        }
        let h = c.hiddenSize
        let i = c.intermediateSize
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [c.vocabularySize, h])
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [c.maxPositions, h])
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h])
        embeddingNorm = try norm("embeddings.LayerNorm")
        layers = try (0 ..< c.layerCount).map { index in
            let p = "encoder.layer.\(index)."
            let projections = ["query", "key", "value"]
            return Layer(
                qkvWeight: try projections.flatMap { try tensor(p + "attention.self.\($0).weight", [h, h]) },
                qkvBias: try projections.flatMap { try tensor(p + "attention.self.\($0).bias", [h]) },
                attentionOutputWeight: try tensor(p + "attention.output.dense.weight", [h, h]),
                attentionOutputBias: try tensor(p + "attention.output.dense.bias", [h]),
                attentionNorm: try norm(p + "attention.output.LayerNorm"),
                intermediateWeight: try tensor(p + "intermediate.dense.weight", [i, h]),
                intermediateBias: try tensor(p + "intermediate.dense.bias", [i]),
                outputWeight: try tensor(p + "output.dense.weight", [h, i]),
                outputBias: try tensor(p + "output.dense.bias", [h]),
                outputNorm: try norm(p + "output.LayerNorm"))
        }
    }
}

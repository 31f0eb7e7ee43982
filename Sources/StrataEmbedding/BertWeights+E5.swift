extension BertWeights {
    /// Reads the tensors of an E5S1 file, named `emb.*` and `l<i>.*` there.
    init(e5 file: E5ModelFile) throws {
        let c = file.configuration
        let h = c.hiddenSize
        let i = c.intermediateSize
        func norm(_ name: String) throws -> LayerNorm {
            LayerNorm(gamma: try file.floats(name + ".w", count: h), beta: try file.floats(name + ".b", count: h))
        }
        wordEmbeddings = try file.floats("emb.word", count: c.vocabularySize * h)
        positionEmbeddings = try file.floats("emb.pos", count: c.maxPositions * h)
        tokenTypeEmbeddings = try file.floats("emb.type", count: c.typeVocabularySize * h)
        embeddingNorm = try norm("emb.ln")
        layers = try (0 ..< c.layerCount).map { index in
            let p = "l\(index)."
            let projections = ["q", "k", "v"]
            return Layer(
                qkvWeight: try projections.flatMap { try file.floats(p + $0 + ".w", count: h * h) },
                qkvBias: try projections.flatMap { try file.floats(p + $0 + ".b", count: h) },
                attentionOutputWeight: try file.floats(p + "ao.w", count: h * h),
                attentionOutputBias: try file.floats(p + "ao.b", count: h),
                attentionNorm: try norm(p + "aln"),
                intermediateWeight: try file.floats(p + "fi.w", count: i * h),
                intermediateBias: try file.floats(p + "fi.b", count: i),
                outputWeight: try file.floats(p + "fo.w", count: h * i),
                outputBias: try file.floats(p + "fo.b", count: h),
                outputNorm: try norm(p + "oln"))
        }
    }
}

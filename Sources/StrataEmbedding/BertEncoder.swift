import Foundation
import StrataMath

/// A BERT encoder (embeddings, then self-attention and feed-forward layers) whose forward pass runs
/// in BLAS.
///
/// Sequences are packed end to end with no padding: the dense layers see one `tokens × hidden` matrix
/// per batch, and attention runs per sequence and head on its own tokens only, which is exactly what a
/// padded batch with an attention mask computes for the real tokens.
///
/// A token's result depends on its own sequence only: the dense layers run on a row count rounded up to
/// `rowQuantum` (zero rows after the real ones), so every real row goes through OpenBLAS's full-width
/// kernel whatever the batch holds; with fewer rows it could fall into the kernels for a remainder or for
/// small matrices, which sum in another order. Callers keep BLAS on one thread. On most kernels that makes
/// a token's result the same to the bit wherever its row sits; OpenBLAS's Haswell sgemm kernel (which
/// `OPENBLAS_CORETYPE=Haswell` selects, as on some AMD machines) rounds the rows of each tile of 12 in two
/// ways by their position, so there a text's vector differs with its place in a batch by float rounding
/// (about 1e-8 per component; measured with a C program over the same library, rows in every position).
public struct BertEncoder: Sendable {
    /// The dense layers' row counts are multiples of this (a multiple of every OpenBLAS sgemm kernel's
    /// row unrolling, and large enough to stay off its small-matrix path).
    static let rowQuantum = 64

    /// The architecture sizes.
    public let configuration: BertConfiguration
    let weights: BertWeights

    /// Loads `config.json` and `model.safetensors` from a Hugging Face model folder.
    public init(modelDirectory: URL) throws {
        configuration = try BertConfiguration(contentsOf: modelDirectory.appendingPathComponent("config.json"))
        let file = try SafeTensors(contentsOf: modelDirectory.appendingPathComponent("model.safetensors"))
        weights = try BertWeights(file: file, configuration: configuration)
    }

    /// Loads the sizes and weights of an E5S1 file (Q4_0 matrices expanded to floats).
    public init(e5 file: E5ModelFile) throws {
        configuration = file.configuration
        weights = try BertWeights(e5: file)
    }

    /// The mean of the last hidden states of each sequence (mean pooling over its tokens).
    ///
    /// Every sequence must be non-empty and no longer than the model's position table.
    func meanPooled(_ sequences: [[Int32]], workspace: Workspace) -> [[Float]] {
        let c = configuration
        let h = c.hiddenSize
        let d = c.headSize
        let inner = c.intermediateSize
        let realTokens = sequences.reduce(0) { $0 + $1.count }
        let tokens = (realTokens + Self.rowQuantum - 1) / Self.rowQuantum * Self.rowQuantum
        let longest = sequences.map(\.count).max() ?? 0
        workspace.reserve(tokens: tokens, longestSequence: longest, configuration: c)
        let x = workspace.hidden
        let qkv = workspace.qkv
        let context = workspace.context
        let projected = workspace.projected
        let intermediate = workspace.intermediate
        let scores = workspace.scores

        // Embeddings: word + position + token type 0, then LayerNorm.
        weights.wordEmbeddings.withUnsafeBufferPointer { words in
            weights.positionEmbeddings.withUnsafeBufferPointer { positions in
                weights.tokenTypeEmbeddings.withUnsafeBufferPointer { types in
                    var row = 0
                    for sequence in sequences {
                        for (position, id) in sequence.enumerated() {
                            let out = x + row * h
                            let w = words.baseAddress! + Int(id) * h
                            let p = positions.baseAddress! + position * h
                            for k in 0 ..< h { out[k] = w[k] + p[k] + types[k] }
                            row += 1
                        }
                    }
                }
            }
        }
        (x + realTokens * h).initialize(repeating: 0, count: (tokens - realTokens) * h)
        normalize(x, residual: nil, rows: tokens, norm: weights.embeddingNorm)

        let scale = 1 / Float(d).squareRoot()
        for layer in weights.layers {
            linear(x, rows: tokens, inputs: h, weight: layer.qkvWeight, bias: layer.qkvBias, outputs: 3 * h, into: qkv)
            var start = 0
            for sequence in sequences {
                let n = sequence.count
                let block = qkv + start * 3 * h
                for head in 0 ..< c.headCount {
                    let q = block + head * d
                    let k = block + h + head * d
                    let v = block + 2 * h + head * d
                    BLAS.gemm(
                        transposeB: true, m: n, n: n, k: d, alpha: scale, a: q, lda: 3 * h, b: k, ldb: 3 * h, c: scores,
                        ldc: n)
                    Kernels.softmaxRows(scores, rows: n, columns: n, stride: n)
                    BLAS.gemm(
                        m: n, n: d, k: n, a: scores, lda: n, b: v, ldb: 3 * h, c: context + start * h + head * d, ldc: h
                    )
                }
                start += n
            }
            linear(
                context, rows: tokens, inputs: h, weight: layer.attentionOutputWeight, bias: layer.attentionOutputBias,
                outputs: h, into: projected)
            normalize(projected, residual: x, rows: tokens, norm: layer.attentionNorm)
            linear(
                projected, rows: tokens, inputs: h, weight: layer.intermediateWeight, bias: layer.intermediateBias,
                outputs: inner, into: intermediate)
            Kernels.gelu(intermediate, count: tokens * inner)
            linear(
                intermediate, rows: tokens, inputs: inner, weight: layer.outputWeight, bias: layer.outputBias,
                outputs: h, into: x)
            normalize(x, residual: projected, rows: tokens, norm: layer.outputNorm)
        }

        var pooled = [[Float]]()
        pooled.reserveCapacity(sequences.count)
        var start = 0
        for sequence in sequences {
            var mean = [Float](repeating: 0, count: h)
            for row in start ..< start + sequence.count {
                let values = x + row * h
                for k in 0 ..< h { mean[k] += values[k] }
            }
            let inverse = 1 / Float(sequence.count)
            for k in 0 ..< h { mean[k] *= inverse }
            pooled.append(mean)
            start += sequence.count
        }
        return pooled
    }

    /// `output ← input · weightᵀ + bias` for a PyTorch-layout `[outputs, inputs]` weight.
    private func linear(
        _ input: UnsafePointer<Float>, rows: Int, inputs: Int, weight: [Float], bias: [Float], outputs: Int,
        into output: UnsafeMutablePointer<Float>
    ) {
        weight.withUnsafeBufferPointer { w in
            BLAS.gemm(
                transposeB: true, m: rows, n: outputs, k: inputs, a: input, lda: inputs, b: w.baseAddress!, ldb: inputs,
                c: output, ldc: outputs)
        }
        bias.withUnsafeBufferPointer { Kernels.addBias(output, rows: rows, width: outputs, bias: $0.baseAddress!) }
    }

    private func normalize(
        _ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, norm: BertWeights.LayerNorm
    ) {
        norm.gamma.withUnsafeBufferPointer { gamma in
            norm.beta.withUnsafeBufferPointer { beta in
                Kernels.addAndNormalize(
                    x, residual: residual, rows: rows, width: configuration.hiddenSize,
                    gamma: gamma.baseAddress!, beta: beta.baseAddress!, epsilon: configuration.layerNormEpsilon)
            }
        }
    }
}

/// Activation buffers for one worker, grown on demand and reused across batches and layers.
final class Workspace {
    private(set) var hidden = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    private(set) var qkv = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    private(set) var context = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    private(set) var projected = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    private(set) var intermediate = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    private(set) var scores = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    private var tokenCapacity = 0
    private var scoreCapacity = 0

    func reserve(tokens: Int, longestSequence: Int, configuration c: BertConfiguration) {
        if tokens > tokenCapacity {
            for buffer in [hidden, qkv, context, projected, intermediate] { buffer.deallocate() }
            tokenCapacity = tokens
            hidden = .allocate(capacity: tokens * c.hiddenSize)
            qkv = .allocate(capacity: tokens * 3 * c.hiddenSize)
            context = .allocate(capacity: tokens * c.hiddenSize)
            projected = .allocate(capacity: tokens * c.hiddenSize)
            intermediate = .allocate(capacity: tokens * c.intermediateSize)
        }
        if longestSequence * longestSequence > scoreCapacity {
            scores.deallocate()
            scoreCapacity = longestSequence * longestSequence
            scores = .allocate(capacity: scoreCapacity)
        }
    }

    deinit {
        for buffer in [hidden, qkv, context, projected, intermediate, scores] { buffer.deallocate() }
    }
}

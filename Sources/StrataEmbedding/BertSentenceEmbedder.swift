import Foundation
import StrataMath
import StrataText
import Synchronization

/// A sentence-transformers style embedder over a BERT model folder: tokens, the encoder, mean pooling
/// over the tokens and L2 normalisation — the vectors sentence-transformers gives with
/// `normalize_embeddings=True`. A Hugging Face folder gives WordPiece tokens; a folder holding an
/// E5S1 file (multilingual-e5-small) gives XLM-R SentencePiece tokens, and the texts are embedded as
/// given: the caller adds e5's `query: ` or `passage: ` prefix.
///
/// Texts are sorted by length and packed into batches of about `tokensPerBatch` tokens; batches are
/// shared out to `workers` threads, each running single-threaded BLAS on its own buffers. A text's
/// vector does not depend on what it is encoded with or how batches are scheduled beyond float rounding,
/// and on most OpenBLAS kernels not even in its last bit (see `BertEncoder`), so an incremental run gives
/// what a full run gives.
public struct BertSentenceEmbedder: TextEmbedder {
    /// The model folder's name.
    public let modelID: String
    public let tokenizer: any TextTokenizer
    public let encoder: BertEncoder
    /// How many threads encode batches at once.
    public var workers: Int
    /// The token budget of one packed batch.
    public var tokensPerBatch: Int
    /// e5's `passage: ` for an E5S1 model, else empty.
    public let passagePrefix: String
    /// e5's `query: ` for an E5S1 model, else empty.
    public let queryPrefix: String

    public var dimension: Int { encoder.configuration.hiddenSize }

    /// Loads a Hugging Face BERT model folder (config.json, model.safetensors, vocab.txt, …), or a
    /// folder holding an E5S1 file named `E5ModelFile.fileName`.
    public init(
        modelDirectory: URL, workers: Int = ProcessInfo.processInfo.activeProcessorCount, tokensPerBatch: Int = 2048
    ) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: modelDirectory.path, isDirectory: &isFolder), isFolder.boolValue
        else {
            throw ModelError.folderMissing(modelDirectory.path)
        }
        let e5URL = modelDirectory.appendingPathComponent(E5ModelFile.fileName)
        if FileManager.default.fileExists(atPath: e5URL.path) {
            let file = try E5ModelFile(contentsOf: e5URL)
            encoder = try BertEncoder(e5: file)
            tokenizer = file.tokenizer
            (passagePrefix, queryPrefix) = ("passage: ", "query: ")
        } else {
            encoder = try BertEncoder(modelDirectory: modelDirectory)
            tokenizer = try BertTokenizer.load(from: modelDirectory)
            (passagePrefix, queryPrefix) = ("", "")
        }
        guard tokenizer.maxLength <= encoder.configuration.maxPositions else {
            throw ModelError.invalidConfiguration(
                modelDirectory.path, field: "max_seq_length",
                expected: "at most max_position_embeddings \(encoder.configuration.maxPositions)")
        }
        modelID = Self.modelID(of: modelDirectory)
        self.workers = max(1, workers)
        self.tokensPerBatch = max(tokenizer.maxLength, tokensPerBatch)
    }

    /// The id vectors of the model in `directory` are stored under: the folder's name.
    public static func modelID(of directory: URL) -> String {
        directory.standardizedFileURL.lastPathComponent
    }

    public func embed(_ texts: [String], progress: (@Sendable (Int) -> Void)?) -> Matrix {
        let h = dimension
        var output = Matrix(rows: texts.count, columns: h)
        guard !texts.isEmpty else { return output }
        let sequences = texts.map(tokenizer.encode)
        let batches = packedBatches(lengths: sequences.map(\.count))

        // One BLAS thread per worker, always: a threaded gemm splits rows between threads, which would
        // make a text's vector depend on the thread count and on what else is in its batch.
        // Scratch memory per worker slot (no two threads share a slot at once).
        let workspaces = (0 ..< max(1, min(workers, batches.count))).map { _ in Workspace() }
        let done = Mutex(0)
        BLAS.singleThreaded {
            output.values.withUnsafeMutableBufferPointer { buffer in
                // Each batch writes only the rows of its own texts.
                let rows = buffer.baseAddress!
                ParallelLoop.forEach(batches.count, workers: workers) { index, worker in
                    let batch = batches[index]
                    let pooled = encoder.meanPooled(batch.map { sequences[$0] }, workspace: workspaces[worker])
                    for (textIndex, vector) in zip(batch, pooled) {
                        let row = rows + textIndex * h
                        var norm: Float = 0
                        for v in vector { norm += v * v }
                        let scale = 1 / max(norm.squareRoot(), 1e-12)
                        for k in 0 ..< h { row[k] = vector[k] * scale }
                    }
                    let total = done.withLock { total -> Int in
                        total += batch.count
                        return total
                    }
                    progress?(total)
                }
            }
        }
        return output
    }

    /// Text indices grouped into batches of similar length, each within the token budget.
    func packedBatches(lengths: [Int]) -> [[Int]] {
        let order = lengths.indices.sorted { (lengths[$0], $0) < (lengths[$1], $1) }
        var batches = [[Int]]()
        var current = [Int]()
        var tokens = 0
        for index in order {
            if tokens + lengths[index] > tokensPerBatch, !current.isEmpty {
                batches.append(current)
                current = []
                tokens = 0
            }
            current.append(index)
            tokens += lengths[index]
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}

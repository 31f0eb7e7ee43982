import Foundation
import StrataMath
import StrataTestSupport
import Testing

@testable import StrataEmbedding

@Suite struct BertSentenceEmbedderTests {
    /// The model, loaded once; a failed load fails the tests that need it, not the whole run.
    static let loaded = Result { try BertSentenceEmbedder(modelDirectory: RepositoryPaths.miniLM) }
    static func embedder() throws -> BertSentenceEmbedder { try loaded.get() }
    /// All reference texts embedded in one call, as a user would (several batches, both workers).
    static let embedded = Result {
        var small = try embedder()
        small.tokensPerBatch = 300
        return small.embed(MiniLMReferenceCase.all.map(\.text))
    }

    @Test(arguments: MiniLMReferenceCase.all.indices)
    func embeddingMatchesSentenceTransformers(_ index: Int) throws {
        let reference = MiniLMReferenceCase.all[index]
        let vector = try Self.embedded.get().row(index)
        let cosine = VectorMath.cosine(vector, reference.embedding)
        #expect(cosine >= 0.9999, "\(reference.id): cosine \(cosine)")
        #expect(abs(VectorMath.norm(vector) - 1) < 1e-5)
    }

    /// Incremental runs must equal full runs: a text's vector may not depend on what else is in its
    /// batch, on where it sits there, on the batch size or on the number of workers (and so BLAS threads),
    /// beyond float rounding: to the bit on most OpenBLAS kernels, within 1e-6 on its Haswell kernel, which
    /// rounds a row by its position in a tile (see `BertEncoder`).
    @Test func aTextEmbedsToTheSameVectorWhateverItIsEncodedWith() throws {
        let texts = MiniLMReferenceCase.all.map(\.text)
        var oneWorker = try Self.embedder()
        oneWorker.workers = 1
        oneWorker.tokensPerBatch = 4096
        let together = oneWorker.embed(Array(texts.reversed()))
        let (embedder, batched) = (try Self.embedder(), try Self.embedded.get())
        for (index, text) in texts.enumerated() {
            let alone = embedder.embed(text)
            #expect(
                Self.sameToRounding(alone, batched.row(index)),
                "alone vs. batches of 300 tokens on every worker: \(text.prefix(40))")
            #expect(
                Self.sameToRounding(alone, together.row(texts.count - 1 - index)),
                "alone vs. one batch on one worker: \(text.prefix(40))")
        }
    }

    /// Equal in every component to float rounding of unit vectors' components (1e-6; a different token or
    /// sum order would move them by 1e-3 or more).
    static func sameToRounding(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 }
    }

    @Test func emptyInputGivesAnEmptyMatrix() throws {
        let vectors = try Self.embedder().embed([String]())
        #expect(vectors.rows == 0 && vectors.columns == 384)
    }

    @Test func batchesAreSortedByLengthAndStayWithinTheTokenBudget() throws {
        var embedder = try Self.embedder()
        embedder.tokensPerBatch = 300
        let lengths = [5, 200, 3, 120, 90, 7, 256]
        let batches = embedder.packedBatches(lengths: lengths)
        #expect(batches.flatMap { $0 } == [2, 0, 5, 4, 3, 1, 6])
        #expect(batches == [[2, 0, 5, 4, 3], [1], [6]])
    }
}

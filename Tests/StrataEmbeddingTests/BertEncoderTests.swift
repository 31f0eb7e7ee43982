import Foundation
import StrataMath
import StrataTestSupport
import Testing
@testable import StrataEmbedding

@Suite struct BertSentenceEmbedderTests {
    static let embedder = try! BertSentenceEmbedder(modelDirectory: RepositoryPaths.miniLM)
    /// All reference texts embedded in one call, as a user would (several batches, both workers).
    static let vectors: Matrix = {
        var small = embedder
        small.tokensPerBatch = 300
        return small.embed(MiniLMReferenceCase.all.map(\.text))
    }()

    @Test(arguments: MiniLMReferenceCase.all.indices)
    func embeddingMatchesSentenceTransformers(_ index: Int) {
        let reference = MiniLMReferenceCase.all[index]
        let vector = Self.vectors.row(index)
        let cosine = VectorMath.cosine(vector, reference.embedding)
        #expect(cosine >= 0.9999, "\(reference.id): cosine \(cosine)")
        #expect(abs(VectorMath.norm(vector) - 1) < 1e-5)
    }

    /// Incremental runs must equal full runs: a text's vector may not depend on what else is in its
    /// batch, on where it sits there, on the batch size or on the number of workers (and so BLAS threads).
    @Test func aTextEmbedsToTheSameBitsWhateverItIsEncodedWith() {
        let texts = MiniLMReferenceCase.all.map(\.text)
        var oneWorker = Self.embedder
        oneWorker.workers = 1
        oneWorker.tokensPerBatch = 4096
        let together = oneWorker.embed(Array(texts.reversed()))
        for (index, text) in texts.enumerated() {
            let alone = Self.embedder.embed(text)
            #expect(alone == Self.vectors.row(index), "alone vs. batches of 300 tokens on every worker: \(text.prefix(40))")
            #expect(alone == together.row(texts.count - 1 - index), "alone vs. one batch on one worker: \(text.prefix(40))")
        }
    }

    @Test func emptyInputGivesAnEmptyMatrix() {
        let vectors = Self.embedder.embed([String]())
        #expect(vectors.rows == 0 && vectors.columns == 384)
    }

    @Test func batchesAreSortedByLengthAndStayWithinTheTokenBudget() {
        var embedder = Self.embedder
        embedder.tokensPerBatch = 300
        let lengths = [5, 200, 3, 120, 90, 7, 256]
        let batches = embedder.packedBatches(lengths: lengths)
        #expect(batches.flatMap { $0 } == [2, 0, 5, 4, 3, 1, 6])
        #expect(batches == [[2, 0, 5, 4, 3], [1], [6]])
    }
}

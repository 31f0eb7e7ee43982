import Foundation
import StrataTestSupport
import Testing

@testable import StrataText

@Suite struct BertTokenizerTests {
    /// Loaded once; a failed load fails the tests that need it, not the whole run.
    static let loaded = Result { try BertTokenizer.load(from: RepositoryPaths.miniLM) }

    @Test(arguments: MiniLMReferenceCase.all)
    func tokenIdsMatchHuggingFace(_ reference: MiniLMReferenceCase) throws {
        #expect(try Self.loaded.get().encode(reference.text) == reference.inputIds)
    }

    @Test func maxLengthComesFromSentenceTransformersConfig() throws {
        #expect(try Self.loaded.get().maxLength == 256)
    }

    @Test func wordPieceSplitsGreedilyAndFallsBackToUnknown() throws {
        let wordPiece = try WordPiece(vocabulary: ["[UNK]", "un", "##aff", "##able", "a"], maxCharactersPerWord: 8)
        var ids: [Int32] = []
        wordPiece.encode("unaffable".unicodeScalars, into: &ids)
        #expect(ids == [0], "longer than 8 characters is one [UNK]")
        ids = []
        wordPiece.encode("unaff".unicodeScalars, into: &ids)
        #expect(ids == [1, 2])
        ids = []
        wordPiece.encode("unx".unicodeScalars, into: &ids)
        #expect(ids == [0], "an unsplittable word is one [UNK], not a partial split")
    }

    @Test func missingVocabularyIsAClearError() throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: TokenizerError.missingFile(folder.appendingPathComponent("vocab.txt").path)) {
            try BertTokenizer.load(from: folder)
        }
    }
}

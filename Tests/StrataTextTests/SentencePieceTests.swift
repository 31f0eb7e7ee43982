import Testing

@testable import StrataText

/// The parts of the SentencePiece tokenizer on toy models whose answers can be worked out by hand (the
/// real vocabulary is checked against Hugging Face in StrataEmbeddingTests).
@Suite struct SentencePieceTests {
    /// A toy model; a failure fails the tests that use it, not the whole run.
    static let unigram = Result {
        try Unigram(
            pieces: ["<unk>", "▁", "▁un", "able", "▁unable", "a", "b", "l", "e", "u", "n"],
            scores: [0, -1, -2, -2, -5, -3, -3, -3, -3, -3, -3], unknownId: 0)
    }

    func encode(_ word: String) throws -> [Int32] {
        var ids = [Int32]()
        try Self.unigram.get().encode(ArraySlice(word.unicodeScalars), into: &ids)
        return ids
    }

    @Test func viterbiPicksTheBestScoringSplit() throws {
        #expect(try encode("▁unable") == [2, 3], "▁un + able scores −4, beating ▁unable at −5")
        #expect(try encode("▁ab") == [1, 5, 6])
    }

    @Test func runsOfUnknownCharactersFuseIntoOneToken() throws {
        #expect(try encode("▁xyzab") == [1, 0, 5, 6])
        #expect(try encode("x▁y") == [0, 1, 0])
    }

    @Test func wordsSplitBeforeEveryBoundaryWithALeadingOne() {
        func words(_ text: String) -> [String] {
            SentencePieceTokenizer.words(Array(text.unicodeScalars)).map { String(String.UnicodeScalarView($0)) }
        }
        #expect(words("a b") == ["▁a", "▁b"])
        #expect(words(" a ") == ["▁a", "▁"])
        #expect(words("") == [])
    }

    @Test func normalizerMapsCodePointsAndComposesShortClusters() {
        let normalizer = SentencePieceNormalizer(mapping: [0xFF21: ["A"], 0x09: [" "], 0x07: []])
        #expect(String(String.UnicodeScalarView(normalizer.normalize("Ａ\t\t b\u{07}"))) == "A b")
        #expect(
            String(String.UnicodeScalarView(normalizer.normalize("e\u{301}"))) == "é",
            "NFKC composition of a short cluster")
        #expect(
            String(String.UnicodeScalarView(normalizer.normalize("Ａ\u{301}"))) == "A",
            "the shortest matching prefix replaces the cluster")
    }

    @Test func letterScriptTellsASCIILetteredTextFromOtherScripts() {
        #expect(LetterScript.isMostlyASCII("A mechanical keyboard 机械") == true, "three words against two characters")
        #expect(LetterScript.isMostlyASCII("iPhone 15 手机壳") == false, "one word against three characters")
        #expect(LetterScript.isMostlyASCII("Crème brûlée torch") == true)
        #expect(LetterScript.isMostlyASCII("مرحبا بالعالم") == false)
        #expect(LetterScript.isMostlyASCII("123 !!") == nil)
    }
}

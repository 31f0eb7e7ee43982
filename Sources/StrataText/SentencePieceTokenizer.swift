/// The complete XLM-R SentencePiece tokenizer (multilingual-e5): normalisation, the `▁` word
/// boundary, Unigram pieces, `<s>`/`</s>` and truncation, giving the same ids as Hugging Face's
/// fast tokenizer (`Precompiled` + `Replace` normalisers, `Metaspace` pre-tokenizer with a prefix
/// space, `Unigram` model).
///
/// The model has no byte pieces, so there is no byte fallback: unknown characters become `<unk>`.
public struct SentencePieceTokenizer: TextTokenizer {
    /// The word-boundary marker that stands for a space.
    public static let wordBoundary: Unicode.Scalar = "\u{2581}"

    /// Text clean-up applied first.
    public let normalizer: SentencePieceNormalizer
    /// Sub-word splitting.
    public let unigram: Unigram
    /// Id of `<s>`, put in front of every text.
    public let beginId: Int32
    /// Id of `</s>`, put after every text.
    public let endId: Int32
    public let maxLength: Int

    /// A tokenizer from its parts.
    public init(normalizer: SentencePieceNormalizer, unigram: Unigram, beginId: Int32, endId: Int32, maxLength: Int)
        throws
    {
        guard maxLength >= 2 else {
            throw TokenizerError.invalidFile("max length", reason: "must be at least 2, got \(maxLength)")
        }
        for id in [beginId, endId] where !unigram.scores.indices.contains(Int(id)) {
            throw TokenizerError.missingSpecialToken("special piece \(id)")
        }
        self.normalizer = normalizer
        self.unigram = unigram
        self.beginId = beginId
        self.endId = endId
        self.maxLength = maxLength
    }

    /// The token ids of `text`: `<s>`, its pieces truncated to fit `maxLength`, `</s>`.
    public func encode(_ text: String) -> [Int32] {
        framed(Self.words(normalizer.normalize(text)), begin: beginId, end: endId) { unigram.encode($0, into: &$1) }
    }

    /// Hugging Face's `Metaspace` pre-tokenizer: spaces become `▁`, a `▁` is put in front unless the
    /// text starts with one, and the text is split before every `▁`. An empty text has no words.
    static func words(_ scalars: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        guard !scalars.isEmpty else { return [] }
        var marked = scalars.map { $0 == " " ? wordBoundary : $0 }
        if marked[0] != wordBoundary { marked.insert(wordBoundary, at: 0) }
        var words = [ArraySlice<Unicode.Scalar>]()
        var start = 0
        for i in 1 ..< marked.count where marked[i] == wordBoundary {
            words.append(marked[start ..< i])
            start = i
        }
        words.append(marked[start...])
        return words
    }
}

import Foundation

/// The complete BERT tokenizer of a Hugging Face model folder: normalisation, word splitting,
/// WordPiece, `[CLS]`/`[SEP]` and truncation, giving the same ids as Hugging Face's fast tokenizer.
public struct BertTokenizer: Sendable {
    /// Text clean-up applied first.
    public let normalizer: BertNormalizer
    /// Sub-word splitting.
    public let wordPiece: WordPiece
    /// Id of `[CLS]`, put in front of every text.
    public let classifierId: Int32
    /// Id of `[SEP]`, put after every text.
    public let separatorId: Int32
    /// Id of `[PAD]`.
    public let paddingId: Int32
    /// The most tokens a text may have, `[CLS]` and `[SEP]` included.
    public let maxLength: Int

    /// A tokenizer from its parts.
    public init(
        normalizer: BertNormalizer, wordPiece: WordPiece, maxLength: Int,
        classifierToken: String = "[CLS]", separatorToken: String = "[SEP]", paddingToken: String = "[PAD]"
    ) throws {
        guard maxLength >= 2 else {
            throw TokenizerError.invalidFile("max length", reason: "must be at least 2, got \(maxLength)")
        }
        func id(_ token: String) throws -> Int32 {
            guard let id = wordPiece.ids[token] else { throw TokenizerError.missingSpecialToken(token) }
            return id
        }
        self.normalizer = normalizer
        self.wordPiece = wordPiece
        self.maxLength = maxLength
        self.classifierId = try id(classifierToken)
        self.separatorId = try id(separatorToken)
        self.paddingId = try id(paddingToken)
    }

    /// The token ids of `text`: `[CLS]`, its pieces truncated to fit `maxLength`, `[SEP]`.
    public func encode(_ text: String) -> [Int32] {
        framed(BertPreTokenizer.split(normalizer.normalize(text)), begin: classifierId, end: separatorId) {
            wordPiece.encode($0, into: &$1)
        }
    }
}

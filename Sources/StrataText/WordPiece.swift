/// Greedy longest-match-first sub-word splitting over a fixed vocabulary (BERT's WordPiece).
public struct WordPiece: Sendable {
    /// Token id of every vocabulary entry.
    public let ids: [String: Int32]
    /// The id given to a word that cannot be split into vocabulary pieces.
    public let unknownId: Int32
    /// The marker in front of every piece that continues a word.
    public let continuationPrefix: String
    /// Words longer than this many characters become one unknown token.
    public let maxCharactersPerWord: Int

    /// A WordPiece model over `vocabulary` (line *i* has id *i*).
    public init(
        vocabulary: [String], unknownToken: String = "[UNK]", continuationPrefix: String = "##",
        maxCharactersPerWord: Int = 100
    ) throws {
        var ids = [String: Int32](minimumCapacity: vocabulary.count)
        for (i, token) in vocabulary.enumerated() where ids[token] == nil { ids[token] = Int32(i) }
        guard let unknownId = ids[unknownToken] else {
            throw TokenizerError.missingSpecialToken(unknownToken)
        }
        self.ids = ids
        self.unknownId = unknownId
        self.continuationPrefix = continuationPrefix
        self.maxCharactersPerWord = maxCharactersPerWord
    }

    /// Appends the ids of `word`'s pieces to `output`, or the unknown id when it does not split.
    public func encode(_ word: String.UnicodeScalarView, into output: inout [Int32]) {
        let scalars = Array(word)
        guard scalars.count <= maxCharactersPerWord else {
            output.append(unknownId)
            return
        }
        let mark = output.count
        var start = 0
        while start < scalars.count {
            var end = scalars.count
            var found: Int32?
            while start < end {
                var piece = start > 0 ? continuationPrefix : ""
                piece.unicodeScalars.append(contentsOf: scalars[start ..< end])
                if let id = ids[piece] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                output.removeSubrange(mark...)
                output.append(unknownId)
                return
            }
            output.append(id)
            start = end
        }
    }
}

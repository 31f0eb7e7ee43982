/// Turns a text into the token ids an encoder reads, special tokens included.
public protocol TextTokenizer: Sendable {
    /// The most tokens a text may have, special tokens included.
    var maxLength: Int { get }
    /// The token ids of `text`, truncated to `maxLength`.
    func encode(_ text: String) -> [Int32]
}

extension BertTokenizer: TextTokenizer {}

extension TextTokenizer {
    /// `begin`, the ids `encodeWord` appends for each of `words` until they fill `maxLength − 2`
    /// (cut there), then `end`.
    func framed<Words: Sequence>(
        _ words: Words, begin: Int32, end: Int32,
        encodeWord: (Words.Element, inout [Int32]) -> Void
    ) -> [Int32] {
        var ids: [Int32] = [begin]
        let budget = maxLength - 1
        for word in words {
            encodeWord(word, &ids)
            if ids.count >= budget { break }
        }
        if ids.count > budget { ids.removeSubrange(budget...) }
        ids.append(end)
        return ids
    }
}

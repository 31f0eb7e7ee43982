/// Turns a text into the token ids an encoder reads, special tokens included.
public protocol TextTokenizer: Sendable {
    /// The most tokens a text may have, special tokens included.
    var maxLength: Int { get }
    /// The token ids of `text`, truncated to `maxLength`.
    func encode(_ text: String) -> [Int32]
}

extension BertTokenizer: TextTokenizer {}

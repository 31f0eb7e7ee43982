/// Why a tokenizer could not be built from a model folder.
public enum TokenizerError: Error, CustomStringConvertible, Equatable {
    /// A file the tokenizer needs is missing.
    case missingFile(String)
    /// A file is there but cannot be read as expected.
    case invalidFile(String, reason: String)
    /// The vocabulary lacks a special token the model needs.
    case missingSpecialToken(String)

    public var description: String {
        switch self {
        case .missingFile(let path): "tokenizer file not found: \(path)"
        case .invalidFile(let path, let reason): "cannot read tokenizer file \(path): \(reason)"
        case .missingSpecialToken(let token): "the vocabulary has no \(token) token"
        }
    }
}

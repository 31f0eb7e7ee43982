import Foundation

/// Why a text encoder could not be loaded.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    /// The model folder does not exist.
    case folderMissing(String)
    /// No folder holds the named model; the folders searched, in order.
    case notFound(name: String, searched: [String])
    /// A file the model needs is missing.
    case missingFile(String)
    /// `config.json` lacks a field or has one of the wrong type.
    case invalidConfiguration(String, field: String, expected: String)
    /// The weights file is damaged or does not fit the configuration.
    case corruptWeights(String, String)
    /// The weights lack a tensor the architecture needs.
    case missingTensor(String, String)

    /// The memory-mapped contents of a weights file.
    /// - Throws: `missingFile` when it cannot be read.
    static func mappedFile(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw ModelError.missingFile(url.path)
        }
    }

    public var description: String {
        switch self {
        case .folderMissing(let path):
            "no model folder at \(path). Run `make demo` or `scripts/setup` to install all-MiniLM-L6-v2 into models/, "
                + "or point --model / STRATA_MODEL_DIR at a Hugging Face BERT model folder."
        case .notFound(let name, let searched):
            "no \(name) model found; looked in:\n"
                + searched.map { "  \($0)\n" }.joined()
                + "Run `scripts/setup` (or `make demo`) in the Strata checkout to install it into your data folder, "
                + "or point --model / STRATA_MODEL_DIR at a Hugging Face BERT model folder."
        case .missingFile(let path):
            "model file not found: \(path)"
        case .invalidConfiguration(let path, let field, let expected):
            "\(path): field \"\(field)\" is missing or invalid; expected \(expected)"
        case .corruptWeights(let path, let reason):
            "\(path): corrupt or unsupported weights: \(reason)"
        case .missingTensor(let path, let name):
            "\(path): the weights have no tensor named \(name)"
        }
    }
}

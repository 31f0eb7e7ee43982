import Foundation

/// Why a recommendation could not be made.
public enum RecommendError: Error, CustomStringConvertible, Equatable {
    case invalidParameter(name: String, value: String, expected: String)
    case numerical(String)
    case unknownUser(String)
    case noInteractions
    /// Work that would need more memory (`needs` bytes) than this machine lends it (`limit` bytes).
    case tooLarge(work: String, needs: Double, limit: Double, alternative: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let expected): "invalid \(name) \(value): expected \(expected)"
        case .numerical(let message): message
        case .unknownUser(let id): "unknown user '\(id)': the user has no events"
        case .tooLarge(let work, let needs, let limit, let alternative):
            "\(work) needs \(String(format: "%.1f", needs / 1e9)) GB, more than the \(String(format: "%.1f", limit / 1e9)) GB "
                + "this machine allows it; \(alternative)"
        case .noInteractions: "the database has no events"
        }
    }
}

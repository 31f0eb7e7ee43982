import PostgresNIO
import StrataStore

/// What went wrong talking to PostgreSQL, said with where and what.
public enum PostgresStoreError: StoreFailure {
    /// The `--db` URL could not be used.
    case badURL(url: String, reason: String)
    /// No connection could be opened (server down, wrong port, refused login).
    case unreachable(location: String, reason: String)
    /// The server answered a statement with an error.
    case failed(location: String, reason: String)
    /// The connection holding the fit lock of `fit` closed during the fit: the fit was abandoned, and
    /// nothing it would have stored since was.
    case fitLockLost(fit: String, location: String, reason: String)

    public var description: String {
        switch self {
        case .badURL(let url, let reason): "\(url): not a usable PostgreSQL URL: \(reason)"
        case .unreachable(let location, let reason): "\(location): cannot connect to PostgreSQL: \(reason)"
        case .failed(let location, let reason): "\(location): PostgreSQL refused a statement: \(reason)"
        case .fitLockLost(let fit, let location, let reason):
            "\(location): the \(fit) fit lost its lock (its connection closed), so it was abandoned "
                + "and stored nothing more; another process may fit instead: \(reason)"
        }
    }

    public var kind: StoreFailureKind {
        switch self {
        case .badURL: .badLocation
        case .unreachable: .unavailable
        case .failed: .refused
        case .fitLockLost: .fitLockLost
        }
    }

    /// What `error` (thrown by postgres-nio) says, in one line: the server's message when it sent one.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
            return message + detail
        }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}

import Foundation
import PostgresNIO
import StrataStore

/// Where a PostgreSQL store lives: a `postgres://user:password@host:port/database` URL.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let user: String
    public let password: String?
    public let database: String

    /// Parses `url`; the port defaults to 5432, the user to `postgres`, the database to the user's name.
    /// Only unencrypted connections are supported (`sslmode=disable`, the default).
    public init(url: String) throws {
        guard StoreLocation(url).isURL, let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty
        else {
            throw PostgresStoreError.badURL(
                url: StoreLocation(url).description, reason: "expected postgres://user:password@host:port/database")
        }
        for item in parts.queryItems ?? [] {
            guard item.name == "sslmode", item.value == "disable" else {
                throw PostgresStoreError.badURL(
                    url: StoreLocation(url).description,
                    reason: "unsupported parameter \(item.name)=\(item.value ?? ""); only sslmode=disable is")
            }
        }
        self.host = host
        port = parts.port ?? 5432
        user = parts.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = parts.password.flatMap { $0.removingPercentEncoding }
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
    }

    /// The URL without the password, for messages.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// postgres-nio's configuration for a connection here.
    var configuration: PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password,
            database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}

import Crypto
import Foundation

/// What an API key may do. Each scope includes the ones below it: `write` keys read too, `admin` keys
/// (deleting users) also write.
public enum APIScope: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    /// The `/v1` reads (when `--reads-need-key`).
    case read
    /// Ingesting events and items.
    case write
    /// Deleting users.
    case admin

    public init?(name: String) {
        guard let scope = Self.allCases.first(where: { $0.description == name }) else { return nil }
        self = scope
    }

    public var description: String {
        switch self {
        case .read: "read"
        case .write: "write"
        case .admin: "admin"
        }
    }

    public static func < (a: APIScope, b: APIScope) -> Bool { a.rawValue < b.rawValue }
}

/// The API keys a server accepts, each with its scope, from a file (one `KEY [read|write|admin]` a line,
/// `#` starts a comment) and/or the environment variable `STRATA_API_KEYS` (keys separated by commas,
/// each optionally `KEY:SCOPE`). A key without a scope is `admin`, as every key was before scopes.
///
/// Only the keys' SHA-256 digests are kept; a request's key is hashed and compared with every digest
/// in constant time, so neither a memory dump nor response timing reveals a key.
public struct APIKeys: Sendable, Equatable {
    /// The scope of each key, by the SHA-256 digest of the key.
    private var scopes: [Data: APIScope]

    /// Every key in `keys` with `scope`.
    public init(_ keys: some Sequence<String>, scope: APIScope = .admin) {
        self.init(scoped: keys.map { ($0, scope) })
    }

    /// The keys with their scopes (a key given twice keeps its widest scope).
    public init(scoped keys: [(key: String, scope: APIScope)]) {
        scopes = Dictionary(keys.map { (Self.digest($0.key), $0.scope) }, uniquingKeysWith: max)
    }

    /// The variable keys are read from.
    public static let environmentVariable = "STRATA_API_KEYS"

    /// Whether no key is configured (writes are then refused).
    public var isEmpty: Bool { scopes.isEmpty }
    /// How many keys there are.
    public var count: Int { scopes.count }

    /// Keys from `file` (when given) and from `environment`.
    public static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> APIKeys
    {
        var keys = [(key: String, scope: APIScope)]()
        if let file {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ServerConfigurationError("\(file): cannot read the API key file: \(error.localizedDescription)")
            }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let fields = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].split(
                    whereSeparator: \.isWhitespace)
                guard !fields.isEmpty else { continue }
                keys.append(
                    try entry(
                        key: fields[0], scope: fields.count > 1 ? fields[1] : nil, extra: fields.count > 2,
                        place: "\(file):\(number + 1)"))
            }
        }
        for item in (environment[environmentVariable] ?? "").split(separator: ",") {
            let item = item.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty else { continue }
            let parts = item.split(separator: ":", maxSplits: 1)
            keys.append(
                try entry(
                    key: parts[0], scope: parts.count > 1 ? parts[1] : nil, extra: item.contains(" "),
                    place: environmentVariable))
        }
        return APIKeys(scoped: keys)
    }

    /// One checked key and scope; `place` names where it was read, for the error.
    private static func entry(key: Substring, scope: Substring?, extra: Bool, place: String) throws -> (
        key: String, scope: APIScope
    ) {
        guard key.count >= 16, !extra else {
            throw ServerConfigurationError("\(place): an API key needs at least 16 characters and no spaces")
        }
        guard let name = scope else { return (String(key), .admin) }
        guard let scope = APIScope(name: String(name)) else {
            throw ServerConfigurationError("\(place): unknown scope '\(name)'; expected read, write or admin")
        }
        return (String(key), scope)
    }

    /// The scope of `candidate`, or `nil` when it is no key. Every stored digest is compared, each in time
    /// independent of where it differs.
    func scope(of candidate: String) -> APIScope? {
        let digest = Array(Self.digest(candidate))
        var found: APIScope?
        for (stored, scope) in scopes {
            var difference: UInt8 = 0
            for (a, b) in zip(stored, digest) { difference |= a ^ b }
            if difference == 0 { found = scope }
        }
        return found
    }

    static func digest(_ key: String) -> Data { Data(SHA256.hash(data: Data(key.utf8))) }
}

/// A server setting that cannot be used, said in one line.
public struct ServerConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

import Crypto
import Foundation
import StrataCore

/// How user ids are stored: as given, or as pseudonyms, HMAC-SHA256(key, id) in lowercase hex, so that
/// nothing the store writes holds a raw id.
///
/// Imports, the API and the CLI take raw ids and store `stored(_:)` of them; what Strata prints or
/// serves about users then names them by pseudonym. The same key always gives the same pseudonym, so
/// later events of a user join their history; without the key a pseudonym cannot be computed from a
/// guessed id. `check(_:)` ties a store to its key (see there).
public struct UserIDs: Sendable {
    /// The environment variable that may hold the key (its UTF-8 bytes).
    public static let environmentVariable = "STRATA_PSEUDONYM_KEY"
    /// The fewest key bytes accepted.
    public static let minimumKeyBytes = 16

    private let key: SymmetricKey?

    /// Ids stored as given.
    public static let raw = UserIDs(key: nil)

    private init(key: SymmetricKey?) {
        self.key = key
    }

    /// Pseudonyms under `key`.
    /// - Throws: `PseudonymError.shortKey` when `key` has fewer than `minimumKeyBytes` bytes.
    public init(pseudonymKey key: Data) throws {
        guard key.count >= Self.minimumKeyBytes else { throw PseudonymError.shortKey(bytes: key.count) }
        self.init(key: SymmetricKey(data: key))
    }

    /// The ids `--pseudonymize-key-file FILE` (the file's bytes, a final line break dropped) or else
    /// `$STRATA_PSEUDONYM_KEY` ask for; `raw` when neither is given.
    public static func configured(
        keyFile: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> UserIDs {
        let key = try KeyMaterial.load(
            file: keyFile, variable: environmentVariable, environment: environment,
            unreadable: PseudonymError.unreadableKeyFile)
        return try key.map { try UserIDs(pseudonymKey: $0) } ?? .raw
    }

    /// Whether ids are stored as pseudonyms.
    public var arePseudonymous: Bool { key != nil }

    /// The name of this form of ids, as exports state it: `raw` or `hmac-sha256`.
    public var form: String { arePseudonymous ? Self.pseudonymForm : "raw" }

    static let pseudonymForm = "hmac-sha256"

    /// The stored form of the raw id `id`.
    public func stored(_ id: String) -> String {
        guard let key else { return id }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(id.utf8), using: key))
    }

    /// `event` with its user id in stored form.
    public func stored(_ event: Event) -> Event {
        var event = event
        event.userID = stored(event.userID)
        return event
    }

    /// A value that tells keys apart without revealing them: the pseudonym of a fixed label.
    var keyCheck: String? { key.map { _ in stored("strata pseudonym key check") } }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

import Crypto
import Foundation
import StrataStore

/// How the free texts of events (reviews, searches, tags) are stored: as given, or encrypted with
/// AES-256-GCM under a key, so that no file the store writes holds them in clear.
///
/// Both back-ends store `sealed(_:)` of an event's text and give back `opened(_:)` of what they read
/// (`StoredForm`), so the rest of Strata sees the texts as given. Sealing is deterministic: the nonce is
/// an HMAC of the text under a second key derived from the same key (as in AES-GCM-SIV), so re-importing
/// an event stores the same bytes and is still recognised as a duplicate. That shows which stored texts
/// are equal, and nothing else about them. `check(_:)` ties a store to its key.
public struct EventTexts: Sendable {
    /// The environment variable that may hold the key (its UTF-8 bytes).
    public static let environmentVariable = "STRATA_TEXT_KEY"
    /// The fewest key bytes accepted.
    public static let minimumKeyBytes = 16
    /// The store's stage record that says whether its texts are encrypted, and under which key.
    static let recordKey = "event-texts"
    /// What every sealed text starts with, before the base64 of nonce, ciphertext and tag.
    static let prefix = "aes-gcm:"

    private let keys: (cipher: SymmetricKey, nonce: SymmetricKey)?

    /// Texts stored as given.
    public static let clear = EventTexts(keys: nil)

    private init(keys: (cipher: SymmetricKey, nonce: SymmetricKey)?) {
        self.keys = keys
    }

    /// Texts encrypted under keys derived (HKDF-SHA256) from `key`.
    /// - Throws: `TextKeyError.shortKey` when `key` has fewer than `minimumKeyBytes` bytes.
    public init(textKey key: Data) throws {
        guard key.count >= Self.minimumKeyBytes else { throw TextKeyError.shortKey(bytes: key.count) }
        let secret = SymmetricKey(data: key)
        func derived(_ label: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: secret, info: Data(label.utf8), outputByteCount: 32)
        }
        self.init(keys: (derived("strata event text cipher"), derived("strata event text nonce")))
    }

    /// The texts `--text-key-file FILE` (the file's bytes, a final line break dropped) or else
    /// `$STRATA_TEXT_KEY` ask for; `clear` when neither is given.
    public static func configured(
        keyFile: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> EventTexts {
        let key = try KeyMaterial.load(
            file: keyFile, variable: environmentVariable, environment: environment,
            unreadable: TextKeyError.unreadableKeyFile)
        return try key.map { try EventTexts(textKey: $0) } ?? .clear
    }

    /// Whether texts are stored encrypted.
    public var areEncrypted: Bool { keys != nil }

    /// The stored form of `text`.
    public func sealed(_ text: String) -> String {
        guard let keys else { return text }
        let plain = Data(text.utf8)
        let tag = HMAC<SHA256>.authenticationCode(for: plain, using: keys.nonce)
        // Twelve bytes of a 32-byte MAC are a valid GCM nonce; `try!` cannot fail for that length.
        let nonce = try! AES.GCM.Nonce(data: Data(tag).prefix(12))
        let box = try! AES.GCM.seal(plain, using: keys.cipher, nonce: nonce)
        return Self.prefix + box.combined!.base64EncodedString()
    }

    /// The text whose stored form is `stored`.
    /// - Throws: `TextKeyError.undecryptable` when `stored` was not sealed under this key.
    public func opened(_ stored: String) throws -> String {
        guard let keys else { return stored }
        guard stored.hasPrefix(Self.prefix),
            let combined = Data(base64Encoded: String(stored.dropFirst(Self.prefix.count))),
            let box = try? AES.GCM.SealedBox(combined: combined),
            let plain = try? AES.GCM.open(box, using: keys.cipher)
        else { throw TextKeyError.undecryptable }
        return String(decoding: plain, as: UTF8.self)
    }

    /// A value that tells keys apart without revealing them: the sealed form of a fixed label.
    var keyCheck: String? { keys.map { _ in sealed("strata text key check") } }

    /// Ties `store` to this key, so that a lost or changed key is an error at open rather than texts
    /// that cannot be read, or texts under two keys.
    ///
    /// A store first opened with a key records the key's check value (when it holds no events yet); later
    /// opens must give the same key. A store holding texts in clear refuses a key, and a store of
    /// encrypted texts refuses to be opened without one. A store that never had a key records nothing.
    /// - Throws: `TextKeyError` saying which of these happened.
    public func check(_ store: any Store) throws {
        let mismatch = try KeyRecord.compare(
            store, recordKey: Self.recordKey, form: "aes-256-gcm", keyCheck: keyCheck,
            isEmpty: { try store.stats().events == 0 })
        switch mismatch {
        case nil: return
        case .keyMissing: throw TextKeyError.keyMissing
        case .keyChanged: throw TextKeyError.keyChanged
        case .writtenWithoutKey: throw TextKeyError.clearTextsStored
        }
    }

    /// An event's text as a store's column holds it, sealed: `''` when it has none (every backend alike).
    package func column(_ text: String?) -> String { text.map(sealed) ?? "" }

    /// The text of an event whose stored column is `column`, opened.
    package func text(fromColumn column: String) throws -> String? {
        column.isEmpty ? nil : try opened(column)
    }
}

/// Why encrypted event texts cannot be used as asked.
public enum TextKeyError: Error, Equatable, CustomStringConvertible {
    case shortKey(bytes: Int)
    case unreadableKeyFile(String)
    /// The store's texts are encrypted and no key was given.
    case keyMissing
    /// The store's texts are encrypted under another key.
    case keyChanged
    /// A key was given for a store that holds texts in clear.
    case clearTextsStored
    /// A stored text does not decrypt under the key given.
    case undecryptable

    public var description: String {
        switch self {
        case .shortKey(let bytes):
            "the text key has \(bytes) bytes; at least \(EventTexts.minimumKeyBytes) are needed"
        case .unreadableKeyFile(let path):
            "\(path): cannot read the text key file"
        case .keyMissing:
            "this database stores event texts encrypted: give the key they were encrypted with "
                + "(--text-key-file FILE or \(EventTexts.environmentVariable))"
        case .keyChanged:
            "this database's event texts are encrypted with another key: give the key they were encrypted with"
        case .clearTextsStored:
            "this database stores event texts in clear, so it cannot take a text key: import into a new database with the key"
        case .undecryptable:
            "a stored event text does not decrypt with the text key given (wrong key, or a damaged row)"
        }
    }
}

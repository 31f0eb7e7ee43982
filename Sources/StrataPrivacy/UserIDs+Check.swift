import Foundation
import StrataStore

extension UserIDs {
    /// The store's stage record that says which form its user ids have.
    static let recordKey = "user-ids"

    /// Ties `store` to this form of ids, so that a lost or changed key is an error at open rather than a
    /// second pseudonym per user silently mixed with the first.
    ///
    /// A store first opened with a key records the key's check value (when it holds no users yet); later
    /// opens must give the same key. A store holding raw ids refuses a key, and a store of pseudonyms
    /// refuses to be opened without one. A store that never had a key records nothing.
    /// - Throws: `PseudonymError` saying which of these happened.
    public func check(_ store: any Store) throws {
        let mismatch = try KeyRecord.compare(
            store, recordKey: Self.recordKey, form: Self.pseudonymForm, keyCheck: keyCheck,
            isEmpty: { try store.stats().users == 0 })
        switch mismatch {
        case nil: return
        case .keyMissing: throw PseudonymError.keyMissing
        case .keyChanged: throw PseudonymError.keyChanged
        case .writtenWithoutKey: throw PseudonymError.rawIDsStored
        }
    }
}

/// Why pseudonymous user ids cannot be used as asked.
public enum PseudonymError: Error, Equatable, CustomStringConvertible {
    case shortKey(bytes: Int)
    case unreadableKeyFile(String)
    /// The store holds pseudonyms and no key was given.
    case keyMissing
    /// The store holds pseudonyms made with another key.
    case keyChanged
    /// A key was given for a store that holds raw ids.
    case rawIDsStored

    public var description: String {
        switch self {
        case .shortKey(let bytes):
            "the pseudonym key has \(bytes) bytes; at least \(UserIDs.minimumKeyBytes) are needed"
        case .unreadableKeyFile(let path):
            "\(path): cannot read the pseudonym key file"
        case .keyMissing:
            "this database stores user ids as pseudonyms: give the key they were made with "
                + "(--pseudonymize-key-file FILE or \(UserIDs.environmentVariable))"
        case .keyChanged:
            "this database's user ids are pseudonyms made with another key: give the key they were made with "
                + "(with a new key, one user would have two pseudonyms)"
        case .rawIDsStored:
            "this database stores raw user ids, so it cannot take pseudonyms: import into a new database with the key"
        }
    }
}

import Foundation

extension UserIDs {
    /// The store's stage record that says which form its user ids have.
    static let recordKey = "user-ids"

    /// What a store records about its user ids: their form and, for pseudonyms, the key's check value.
    struct Record: Codable, Equatable {
        var form: String
        var keyCheck: String?
    }

    /// Ties `store` to this form of ids, so that a lost or changed key is an error at open rather than a
    /// second pseudonym per user silently mixed with the first.
    ///
    /// A store first opened with a key records the key's check value (when it holds no users yet); later
    /// opens must give the same key. A store holding raw ids refuses a key, and a store of pseudonyms
    /// refuses to be opened without one. A store that never had a key records nothing.
    /// - Throws: `PseudonymError` saying which of these happened.
    public func check(_ store: any Store) throws {
        let recorded = try store.stageRecord(Self.recordKey).map {
            try JSONDecoder().decode(Record.self, from: Data($0.utf8))
        }
        switch (recorded, keyCheck) {
        case (nil, nil):
            return
        case (nil, let check?):
            guard try store.stats().users == 0 else { throw PseudonymError.rawIDsStored }
            let json = try JSONEncoder().encode(Record(form: "hmac-sha256", keyCheck: check))
            try store.saveStageRecord(Self.recordKey, json: String(decoding: json, as: UTF8.self))
        case (_?, nil):
            throw PseudonymError.keyMissing
        case (let record?, let check?):
            guard record.keyCheck == check else { throw PseudonymError.keyChanged }
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

import Foundation
import StrataStore

/// Where Strata's secret keys come from, the same for each of them: a file given by an option (its
/// bytes, a final line break dropped), else an environment variable (its UTF-8 bytes).
enum KeyMaterial {
    /// The key's bytes, or `nil` when neither `file` nor a non-empty `environment[variable]` is given.
    /// - Throws: `unreadable(file)` when the file cannot be read.
    static func load(
        file: String?, variable: String, environment: [String: String], unreadable: (String) -> any Error
    ) throws -> Data? {
        if let file {
            guard var bytes = FileManager.default.contents(atPath: file) else { throw unreadable(file) }
            while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
            return bytes
        }
        if let text = environment[variable], !text.isEmpty { return Data(text.utf8) }
        return nil
    }
}

/// A store's record of the key some of its columns were written under (a check value, never the key),
/// so that opening it with another key, or without one, is an error rather than data mixed under two keys.
struct KeyRecord: Codable, Equatable {
    var form: String
    var keyCheck: String?

    /// How a key given at open disagrees with the store.
    enum Mismatch: Equatable {
        /// The store's data was written under a key and none was given.
        case keyMissing
        /// The store's data was written under another key.
        case keyChanged
        /// A key was given, and the store already holds such data written without one.
        case writtenWithoutKey
    }

    /// Compares `keyCheck` (the check value of the key given, `nil` for none) with the record `recordKey`
    /// of `store`. A first key is recorded as `form` when `isEmpty()` says the store holds no data the key
    /// would cover yet; a store that never had a key records nothing.
    static func compare(
        _ store: any Store, recordKey: String, form: String, keyCheck: String?, isEmpty: () throws -> Bool
    ) throws -> Mismatch? {
        let recorded = try store.stageRecord(recordKey).map {
            try JSONDecoder().decode(KeyRecord.self, from: Data($0.utf8))
        }
        switch (recorded, keyCheck) {
        case (nil, nil):
            return nil
        case (nil, let check?):
            guard try isEmpty() else { return .writtenWithoutKey }
            let json = try JSONEncoder().encode(KeyRecord(form: form, keyCheck: check))
            try store.saveStageRecord(recordKey, json: String(decoding: json, as: UTF8.self))
            return nil
        case (_?, nil):
            return .keyMissing
        case (let record?, let check?):
            return record.keyCheck == check ? nil : .keyChanged
        }
    }
}

import ArgumentParser
import Foundation
import StrataStore

/// The `--db` option shared by every command that reads or writes the store, and how it stores user ids.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (created if missing).")
    var db: String = ".strata/strata.sqlite"

    @Option(name: .customLong("pseudonymize-key-file"),
            help: "Store every user id as HMAC-SHA256(key, id), the key being this file's bytes (16+; default: $\(UserIDs.environmentVariable)). User ids given to commands stay raw.")
    var pseudonymKeyFile: String?

    /// How the raw user ids this command is given are stored.
    func userIDs() throws -> UserIDs {
        do {
            return try UserIDs.configured(keyFile: pseudonymKeyFile)
        } catch let error as PseudonymError {
            throw CommandError(error.description)
        }
    }

    /// Options naming the database at `path`, for commands that take it under another flag.
    static func at(_ path: String) throws -> StoreOptions {
        try StoreOptions.parse(["--db", path])
    }

    /// Opens the store, creating its folder if needed, and checks that it stores user ids as asked.
    func open() throws -> SQLiteStore {
        let store = try Self.open(path: db)
        do {
            try userIDs().check(store)
        } catch let error as PseudonymError {
            throw CommandError("\(db): \(error)")
        }
        return store
    }

    /// Opens the store at `path`, creating its folder if needed.
    static func open(path: String) throws -> SQLiteStore {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            return try SQLiteStore(path: path)
        } catch {
            throw CommandError("\(path): cannot open the database: \(error)")
        }
    }
}

/// When to draw a progress bar on standard error.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
    /// Only when standard error is a terminal.
    case auto
    case always
    case never

    var enabled: Bool {
        switch self {
        case .auto: isatty(STDERR_FILENO) == 1
        case .always: true
        case .never: false
        }
    }
}

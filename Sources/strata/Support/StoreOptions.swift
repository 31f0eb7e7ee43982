import ArgumentParser
import Foundation
import StrataBackends
import StrataCore
import StrataPrivacy
import StrataStore

/// The `--db` option shared by every command that reads or writes the store: a SQLite file path, or a
/// `postgres://user:password@host:port/database` URL for a PostgreSQL database shared by several
/// processes. Without `--db`, `STRATA_DB` names it, else `.strata/strata.sqlite`.
struct StoreOptions: ParsableArguments {
    /// The environment variable naming the store when `--db` is not given.
    static let environmentVariable = "STRATA_DB"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The SQLite database file (created if missing), or a postgres://user:password@host:port/database URL.",
            discussion: "Defaults to $\(environmentVariable), else .strata/strata.sqlite."))
    var db: String = ProcessInfo.processInfo.environment[environmentVariable] ?? ".strata/strata.sqlite"

    @Option(
        name: .customLong("pseudonymize-key-file"),
        help:
            "Store every user id as HMAC-SHA256(key, id), the key being this file's bytes (16+; default: $\(UserIDs.environmentVariable)). User ids given to commands stay raw."
    )
    var pseudonymKeyFile: String?

    @Option(
        name: .customLong("text-key-file"),
        help:
            "Store review, search and tag texts encrypted with AES-256-GCM under this file's bytes (16+; default: $\(EventTexts.environmentVariable))."
    )
    var textKeyFile: String?

    /// How the raw user ids this command is given are stored.
    func userIDs() throws -> UserIDs {
        do {
            return try UserIDs.configured(keyFile: pseudonymKeyFile)
        } catch let error as PseudonymError {
            throw CommandError(error.description)
        }
    }

    /// How the event texts this command writes are stored, and how stored ones are read.
    func eventTexts() throws -> EventTexts {
        do {
            return try EventTexts.configured(keyFile: textKeyFile)
        } catch let error as TextKeyError {
            throw CommandError(error.description)
        }
    }

    /// Options naming the database at `path`, for commands that take it under another flag.
    static func at(_ path: String) throws -> StoreOptions {
        try StoreOptions.parse(["--db", path])
    }

    /// Where the store is.
    var location: StoreLocation { StoreLocation(db) }

    /// The store's name for messages: the path, or the URL without its password.
    var name: String { location.description }

    /// Where fitted recommender models are kept for `store` (opened from these options): in the database
    /// on PostgreSQL, shared by every process on it; in `DB.cache/` beside a SQLite file.
    func fitKeeper(of store: any Store) -> any FitKeeper {
        location.fitKeeper(of: store)
    }

    /// Opens the store, creating a SQLite file's folder if needed, and checks that it stores user ids and
    /// event texts as asked.
    func open() throws -> any Store {
        let texts = try eventTexts()
        let store = try Self.open(path: db, texts: texts)
        do {
            try userIDs().check(store)
            try texts.check(store)
        } catch let error as PseudonymError {
            throw CommandError("\(name): \(error)")
        } catch let error as TextKeyError {
            throw CommandError("\(name): \(error)")
        }
        return store
    }

    /// Opens the store `location` names (`StoreLocation.open`), turning a store's failure into the
    /// command's error.
    static func open(path location: String, texts: EventTexts = .clear) throws -> any Store {
        do {
            return try StoreLocation(location).open(texts: texts)
        } catch let error as any StoreFailure {
            throw CommandError(error.description)
        }
    }

    /// `location` for messages: the path, or the URL without its password.
    static func name(of location: String) -> String {
        StoreLocation(location).description
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

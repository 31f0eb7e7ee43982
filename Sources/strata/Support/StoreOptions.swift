import ArgumentParser
import Foundation
import StrataStore

/// The `--db` option shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (created if missing).")
    var db: String = ".strata/strata.sqlite"

    /// Options naming the database at `path`, for commands that take it under another flag.
    static func at(_ path: String) throws -> StoreOptions {
        try StoreOptions.parse(["--db", path])
    }

    /// Opens the store, creating its folder if needed.
    func open() throws -> SQLiteStore { try Self.open(path: db) }

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

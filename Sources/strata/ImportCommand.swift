import ArgumentParser
import Foundation
import StrataImport
import StrataPipeline
import StrataStore

/// `strata import`: a platform's events, items and users, or a MovieLens release, into the store.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Import events, items, users (CSV or JSONL), a MovieLens folder or a Taobao UserBehavior log into the store.",
        discussion: """
            Each import is one transaction: by default the first invalid record stops it and nothing of \
            the file is stored. Importing the same file again changes nothing.
            """,
        subcommands: [Events.self, Items.self, Users.self, MovieLens.self, Taobao.self]
    )

    struct Events: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Events with header user_id,item_id,event,timestamp[,value][,text] (CSV or .jsonl).")
        @Argument(help: "The events file.") var file: String
        @OptionGroup var options: ImportFlags

        func run() throws {
            try options.run(file) { try Importer.importEvents(from: $0, into: $1, options: $2) }
        }
    }

    struct Items: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Items with header item_id,title[,description][,categories][,attributes…] (CSV or .jsonl).")
        @Argument(help: "The items file.") var file: String
        @OptionGroup var options: ImportFlags

        func run() throws {
            try options.run(file) { try Importer.importItems(from: $0, into: $1, options: $2) }
        }
    }

    struct Users: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Users with header user_id[,attributes…] (CSV or .jsonl).")
        @Argument(help: "The users file.") var file: String
        @OptionGroup var options: ImportFlags

        func run() throws {
            try options.run(file) { try Importer.importUsers(from: $0, into: $1, options: $2) }
        }
    }

    struct MovieLens: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "movielens",
            abstract: "A MovieLens folder: ml-latest / ml-latest-small (CSV) or ml-100k (u.data, u.item, u.user).")
        @Argument(help: "The MovieLens folder.") var directory: String
        @OptionGroup var options: ImportFlags

        func run() throws {
            try options.run(directory) { try Importer.importMovieLens(from: $0, into: $1, options: $2) }
        }
    }

    struct Taobao: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "A Taobao UserBehavior log (user_id,item_id,category_id,behavior,timestamp; no header): the events and, as bare items in their categories, the catalog."
        )
        @Argument(help: "The UserBehavior CSV file.") var file: String
        @OptionGroup var options: ImportFlags

        func run() throws {
            try options.run(file) { try Importer.importTaobao(from: $0, into: $1, options: $2) }
        }
    }
}

/// The options every import shares, and the run they drive.
struct ImportFlags: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Flag(help: "Import the valid records and write the invalid ones, with reasons, to the rejects file.")
    var skipInvalid = false

    @Option(
        help: ArgumentHelp(
            "Where --skip-invalid writes rejected records (default: FILE.rejects.csv).",
            discussion:
                "With --pseudonymize-key-file or --text-key-file it names each record's file, line and reason only, leaving the record out."
        ))
    var rejects: String?

    @Option(help: "Events for items not in the catalog: reject, or create a bare item.")
    var unknownItems: ImportOptions.UnknownItemPolicy = .reject

    @Option(help: "Progress bar on standard error: auto (when a terminal), always, never.")
    var progress: ProgressMode = .auto

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    /// Imports `path` with `importer` and prints the summary.
    func run(_ path: String, _ importer: (URL, any Store, ImportOptions) throws -> ImportSummary) throws {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandError("\(path): no such file or folder")
        }
        let store = try store.open()
        let bars = FileProgress(enabled: progress.enabled)
        let rejectsURL = URL(fileURLWithPath: rejects ?? path + ".rejects.csv")
        let (userIDs, texts) = (try self.store.userIDs(), try self.store.eventTexts())
        let options = ImportOptions(
            skipInvalid: skipInvalid, rejectsURL: rejectsURL, unknownItems: unknownItems,
            storedUserID: userIDs.stored, withholdsRejectedRecords: userIDs.arePseudonymous || texts.areEncrypted,
            progress: bars.update)
        let start = Date()
        let summary: ImportSummary
        do {
            summary = try importer(url, store, options)
        } catch let error as ImportError {
            let bare =
                error.kind == .unknownItem
                ? " For ids the catalog lacks, --unknown-items create adds bare items." : ""
            throw CommandError(
                "\(error)\nNothing of \(url.lastPathComponent) was imported "
                    + "(fix the record, or pass --skip-invalid to import the rest).\(bare)")
        }
        bars.finish()
        let seconds = Date().timeIntervalSince(start)
        if json {
            print(
                ImportReport(
                    file: path, summary: summary, seconds: seconds,
                    rejectsFile: summary.rejected > 0 ? rejectsURL.path : nil
                ).json)
        } else {
            print(summary.text(file: url.lastPathComponent, seconds: seconds))
            if summary.rejected > 0 { print("Rejected records and reasons: \(rejectsURL.path)") }
        }
    }
}

/// One progress bar per file read, in KiB.
final class FileProgress: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var file: String?
    private var bar: ProgressBar?

    init(enabled: Bool) { self.enabled = enabled }

    func update(file: String, done: Int64, total: Int64) {
        lock.withLock {
            if file != self.file {
                bar?.finish()
                self.file = file
                bar = ProgressBar("\(file) (KiB)", total: Int(max(total / 1024, 1)), enabled: enabled)
            }
            bar?.update(Int(done / 1024))
        }
    }

    func finish() { lock.withLock { bar?.finish() } }
}

/// The `--json` form of an import summary.
struct ImportReport: Encodable {
    let file: String
    let summary: ImportSummary
    let seconds: Double
    let rejectsFile: String?

    enum CodingKeys: String, CodingKey {
        case file, seconds
        case rejectsFile = "rejects_file"
    }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(seconds, forKey: .seconds)
        try container.encodeIfPresent(rejectsFile, forKey: .rejectsFile)
    }

    var json: String { JSONOutput.string(self) }
}

extension ImportSummary {
    /// The summary as a few lines for people.
    func text(file: String, seconds: Double) -> String {
        let n = { (value: Int) in value.formatted(.number) }
        var lines = [
            "\(file): read \(n(read)), inserted \(n(inserted)), updated \(n(updated)), "
                + "duplicates skipped \(n(duplicates)), rejected \(n(rejected)) in \(String(format: "%.2f", seconds)) s"
        ]
        let events = self.events.sorted { $0.key < $1.key }.map { "\($0.key) \(n($0.value))" }
        if !events.isEmpty { lines.append("  new events: " + events.joined(separator: ", ")) }
        lines.append("  new items: \(n(items)), new users: \(n(users))")
        return lines.joined(separator: "\n")
    }
}

extension ImportOptions.UnknownItemPolicy: ExpressibleByArgument {}

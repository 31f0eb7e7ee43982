import ArgumentParser
import Foundation
import StrataPipeline

/// `strata batch`: layers, segment and recommendations for users' histories read as JSON Lines, written as
/// JSON Lines, from an exported model.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Turn users' event histories (JSON Lines in) into layers, segments and recommendations (JSON Lines out).",
        discussion: """
            Reads one user a line: {"user_id": "u1", "events": [{"item_id": "i9", "event": "view", "timestamp": \
            1700000000, "value": 4.5}, …]} (the fields and event names of `strata import events`) and writes one \
            line a user: {"user_id", "layers": {…as `strata profile --all-users --format jsonl`…}, "segment", \
            "recommendations": [{"item_id", "score"}, …]}, streaming, in constant memory. A line that is not JSON, \
            or names an unknown item or event, is reported on standard error with its line number and field and \
            left out; the other users still come out. Exit status: 0 when every line was written, \
            \(rejectedExitCode) when some were rejected (the rest written), 1 on any other failure.
            """)

    /// The exit status when some lines were rejected and the rest written.
    static let rejectedExitCode: Int32 = 3

    @Option(help: "The folder `strata export-model` wrote.") var model: String
    @Option(name: .short, help: "How many items per user (1–1000).") var k = 10
    @Option(help: "Read this file instead of standard input.") var input: String?

    func validate() throws {
        guard (1 ... 1000).contains(k) else { throw ValidationError("-k must be from 1 to 1000, got \(k)") }
    }

    func run() throws {
        let log = { (line: String) in StandardError.write("strata batch: \(line)\n") }
        let loaded: BatchModel
        do {
            loaded = try BatchModel(folder: URL(fileURLWithPath: model), log: log)
        } catch let error as ModelFolderError {
            throw CommandError(error.description)
        }
        guard k <= loaded.itemCount else {
            throw ValidationError("-k must be at most the catalog's \(loaded.itemCount) items, got \(k)")
        }
        let source = input ?? "stdin"
        let opened = input.map { FileHandle(forReadingAtPath: $0) } ?? .standardInput
        guard let handle = opened else {
            throw CommandError("cannot read \(source)")
        }
        var buffer = Data()
        let output = FileHandle.standardOutput
        let summary = try loaded.run(
            input: handle, k: k, source: source,
            write: { line in
                buffer.append(contentsOf: line.utf8)
                buffer.append(UInt8(ascii: "\n"))
                if buffer.count >= 1 << 16 {
                    try output.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            },
            reject: { error in log("\(error); user rejected") })
        try output.write(contentsOf: buffer)
        log("\(summary.written) users written, \(summary.rejected) rejected")
        if summary.rejected > 0 { throw ExitCode(Self.rejectedExitCode) }
    }
}

import Foundation
import StrataCore

/// What storing one record did.
enum RecordOutcome {
    case inserted, updated, duplicate
}

/// The bookkeeping every importer shares: counting outcomes, failing on or setting aside bad records
/// (per `ImportOptions.skipInvalid`), and reporting progress.
final class ImportRun {
    var summary = ImportSummary()
    private let options: ImportOptions
    private var rejects: FileHandle?
    private var sinceProgress = 0

    init(options: ImportOptions) throws {
        self.options = options
        if options.skipInvalid, let url = options.rejectsURL {
            try? FileManager.default.removeItem(at: url)
        }
    }

    deinit { try? rejects?.close() }

    /// Stores one record with `work`. A record problem (`ImportError`) fails the import, or with
    /// `skipInvalid` is counted and written to the rejects file; other errors always fail it.
    func record(raw: @autoclosure () -> String, _ work: () throws -> RecordOutcome) throws {
        summary.read += 1
        do {
            switch try work() {
            case .inserted: summary.inserted += 1
            case .updated: summary.updated += 1
            case .duplicate: summary.duplicates += 1
            }
        } catch let problem as ImportError {
            try setAside(problem, raw: raw())
        }
    }

    /// Counts a record that could not even be read as one (wrong field count, bad bytes) and fails
    /// the import on it, or with `skipInvalid` sets it aside.
    func reject(_ problem: ImportError, raw: String) throws {
        summary.read += 1
        try setAside(problem, raw: raw)
    }

    private func setAside(_ problem: ImportError, raw: String) throws {
        guard options.skipInvalid else { throw problem }
        summary.rejected += 1
        let record = options.withholdsRejectedRecords ? "" : raw
        try writeReject(CSVLine.format([problem.file, String(problem.line), problem.reason, record]))
    }

    /// Reports progress every few thousand records and once at the end (`final`).
    func progress(_ file: String, _ position: (done: Int64, total: Int64), final: Bool = false) {
        guard let report = options.progress else { return }
        sinceProgress += 1
        if final || sinceProgress >= 8192 {
            sinceProgress = 0
            report(file, position.done, position.total)
        }
    }

    private func writeReject(_ line: String) throws {
        guard let url = options.rejectsURL else { return }
        if rejects == nil {
            _ = FileManager.default.createFile(
                atPath: url.path, contents: Data(CSVLine.format(["file", "line", "reason", "record"]).utf8))
            rejects = try FileHandle(forWritingTo: url)
            try rejects?.seekToEnd()
        }
        try rejects?.write(contentsOf: Data(line.utf8))
    }

    /// Reads every record of a delimited file with a fixed number of fields (after `header`, when given, which
    /// must match), handing valid ones to `body`; a record with another number of fields or invalid bytes is
    /// a problem of its line.
    func forEachRecord(
        _ url: URL, fieldCount: Int, delimiter: Character, encoding: TextEncoding = .utf8,
        header: [String]? = nil,
        _ body: ([String], FieldParser) throws -> RecordOutcome
    ) throws {
        let name = url.lastPathComponent
        var reader = try DelimitedReader(url: url, delimiter: delimiter, quoting: delimiter == ",", encoding: encoding)
        if let header {
            let first = try reader.next()
            guard let first, first.fields == header else {
                throw ImportError(
                    file: name, line: first?.line ?? 1, field: nil,
                    message:
                        "expected the header \(header.joined(separator: ",")), found \"\(first?.fields.joined(separator: ",") ?? "")\""
                )
            }
        }
        while let record = try reader.next() {
            let parse = FieldParser(file: name, line: record.line)
            if record.fields.count != fieldCount {
                try reject(
                    parse.problem("", "expected \(fieldCount) fields, found \(record.fields.count)"),
                    raw: String(decoding: record.raw, as: UTF8.self))
            } else if let invalid = record.invalidField {
                try reject(
                    parse.problem(header?[invalid] ?? "#\(invalid + 1)", "expected UTF-8 text, found invalid bytes"),
                    raw: String(decoding: record.raw, as: UTF8.self))
            } else {
                try self.record(raw: String(decoding: record.raw, as: UTF8.self)) { try body(record.fields, parse) }
            }
            progress(name, reader.progress)
        }
        progress(name, reader.progress, final: true)
    }
}

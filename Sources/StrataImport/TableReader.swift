import Foundation
import StrataText

/// One record with named fields, from a CSV file with a header line or from a JSON Lines file.
struct TableRow {
    /// The 1-based line the record starts on.
    let line: Int
    /// The record as it stood in the file.
    let raw: String
    fileprivate let fields: [String]
    fileprivate let index: [String: Int]
    fileprivate let names: [String]

    /// The field in `column` (matched as `TableReader.key(_:)` does), or `nil` when absent or empty.
    subscript(column: String) -> String? {
        guard let i = index[TableReader.key(column)] else { return nil }
        let value = fields[i]
        return value.isEmpty ? nil : value
    }

    /// The row's non-empty fields in columns other than `excluded`, named as in the file.
    func otherFields(excluding excluded: [String]) -> [(column: String, value: String)] {
        let excludedKeys = Set(excluded.map(TableReader.key))
        return names.indices
            .filter { !excludedKeys.contains(TableReader.key(names[$0])) && !fields[$0].isEmpty }
            .map { (names[$0], fields[$0]) }
    }
}

/// Reads a table of records with named fields: CSV with a header (RFC 4180) or, for files ending in
/// `.jsonl`, `.ndjson` or `.json`, one JSON object per line. Column names match ignoring case and
/// `_`, `-` or spaces, so `user_id`, `userId` and `User ID` are one column.
struct TableReader {
    private var reader: DelimitedReader
    private let isJSON: Bool
    private var header: [String: Int] = [:]
    private var headerNames: [String] = []
    let fileName: String

    /// Opens `url`; for CSV, reads the header and checks it has every column of `required`.
    init(url: URL, required: [String], expectedHeader: String) throws {
        fileName = url.lastPathComponent
        isJSON = ["jsonl", "ndjson", "json"].contains(url.pathExtension.lowercased())
        reader = try DelimitedReader(url: url, delimiter: isJSON ? nil : ",")
        guard !isJSON else { return }
        guard let first = try reader.next() else {
            throw ImportError(
                file: fileName, line: 1, field: nil,
                message: "expected a header line \(expectedHeader), found an empty file")
        }
        headerNames = first.fields.map {
            $0.replacingOccurrences(of: "\u{FEFF}", with: "").trimmingCharacters(in: .whitespaces)
        }
        for (i, name) in headerNames.enumerated() { header[Self.key(name)] = i }
        for column in required where header[Self.key(column)] == nil {
            throw ImportError(
                file: fileName, line: first.line, field: column,
                message: "expected a header line \(expectedHeader), found \"\(first.fields.joined(separator: ","))\"")
        }
    }

    var progress: (done: Int64, total: Int64) { reader.progress }

    /// A record that could not be read as a row, with its raw text.
    struct Unreadable: Error {
        let problem: ImportError
        let raw: String
    }

    /// The next row, a problem with the next record, or `nil` at the end of the file.
    mutating func next() throws -> Result<TableRow, Unreadable>? {
        guard let record = try reader.next() else { return nil }
        let raw = String(decoding: record.raw, as: UTF8.self)
        func problem(_ field: String?, _ message: String) -> Result<TableRow, Unreadable> {
            .failure(
                Unreadable(
                    problem: ImportError(file: fileName, line: record.line, field: field, message: message), raw: raw))
        }
        if isJSON {
            guard record.invalidField == nil else { return problem(nil, "expected UTF-8 text, found invalid bytes") }
            return parseJSON(record.fields[0], line: record.line, raw: raw).flatMapError { problem(nil, $0.message) }
        }
        guard record.fields.count == headerNames.count else {
            return problem(nil, "expected \(headerNames.count) fields as in the header, found \(record.fields.count)")
        }
        if let invalid = record.invalidField {
            return problem(headerNames[invalid], "expected UTF-8 text, found invalid bytes")
        }
        return .success(TableRow(line: record.line, raw: raw, fields: record.fields, index: header, names: headerNames))
    }

    private struct JSONProblem: Error { let message: String }

    private func parseJSON(_ text: String, line: Int, raw: String) -> Result<TableRow, JSONProblem> {
        guard let object = (try? JSONValue.parse(Data(text.utf8)))?.objectValue else {
            return .failure(JSONProblem(message: "expected one JSON object on the line"))
        }
        var fields: [String] = []
        var names: [String] = []
        var index: [String: Int] = [:]
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            guard let text = FieldParser.text(of: value) else {
                return .failure(JSONProblem(message: "field '\(name)': expected a string or a number"))
            }
            index[Self.key(name)] = fields.count
            names.append(name)
            fields.append(text)
        }
        return .success(TableRow(line: line, raw: raw, fields: fields, index: index, names: names))
    }

    /// A column name reduced to lower-case letters and digits.
    static func key(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}

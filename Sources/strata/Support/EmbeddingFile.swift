import Foundation
import StrataMath
import StrataText

/// Reading texts for `strata embed --input` and writing their vectors as JSONL.
enum EmbeddingFile {
    /// A text with its id, kept as the JSON it came in (a string or a number) so it is written back unchanged.
    struct Record {
        let id: String
        let text: String
    }

    /// The texts of a JSONL file (`{"id": …, "text": …}` per line) or, when its first non-blank line is not
    /// a JSON object, of a plain-text file (one text per line, ids = line numbers from 1).
    static func readTexts(path: String) throws -> [Record] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("\(path): cannot read the file")
        }
        guard let content = String(data: data, encoding: .utf8) else {
            let line =
                data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .firstIndex { String(validating: $0, as: UTF8.self) == nil }.map { $0 + 1 } ?? 1
            throw CommandError("\(path):\(line): not valid UTF-8 (save the file as UTF-8)")
        }
        var lines = content.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if lines.last?.isEmpty == true { lines.removeLast() }
        let isJSONL =
            lines.first { !$0.allSatisfy(\.isWhitespace) }.map { $0.drop { $0.isWhitespace }.hasPrefix("{") } ?? false
        guard isJSONL else {
            return lines.enumerated().map { Record(id: String($0.offset + 1), text: String($0.element)) }
        }
        var records = [Record]()
        for (index, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
            let place = "\(path):\(index + 1)"
            guard let object = (try? JSONValue.parse(Data(line.utf8)))?.objectValue else {
                throw CommandError("\(place): expected a JSON object {\"id\": …, \"text\": …}")
            }
            guard let text = object["text"]?.stringValue else {
                throw CommandError("\(place): field \"text\" is missing or not a string")
            }
            guard let id = object["id"].flatMap(Self.idJSON) else {
                throw CommandError("\(place): field \"id\" is missing or not a string or number")
            }
            records.append(Record(id: id, text: text))
        }
        return records
    }

    /// Writes `{"id": …, "embedding": […]}` lines to a temporary file beside `path`, then moves it into
    /// place, so a failure never leaves half a file.
    static func write(ids: [String], vectors: Matrix, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).partial")
        var out = ""
        out.reserveCapacity(ids.count * vectors.columns * 12)
        for (row, id) in ids.enumerated() {
            out += "{\"id\":\(id),\"embedding\":\(jsonArray(vectors.row(row)))}\n"
        }
        do {
            try Data(out.utf8).write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandError("\(path): cannot write the output: \(error.localizedDescription)")
        }
    }

    /// A vector as a compact JSON array with shortest round-trip floats.
    static func jsonArray(_ vector: [Float]) -> String {
        "[" + vector.map { "\($0)" }.joined(separator: ",") + "]"
    }

    /// An id (a string or a number) as its JSON text.
    private static func idJSON(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): (try? JSONEncoder().encode(string)).map { String(decoding: $0, as: UTF8.self) }
        case .integer(let integer): "\(integer)"
        case .number(let number): "\(number)"
        default: nil
        }
    }
}

import Foundation

@testable import StrataImport

/// One fuzz input as an import file: written to a file of this process (the readers read files), then
/// read to the end as events, the way `strata import events` reads it, every record either an event or
/// a problem naming its line.
public enum ImportFileFuzzing {
    /// The file the inputs are written to, one per process and extension.
    private static func file(extension ext: String) -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "strata-fuzz-\(getpid()).\(ext)")
    }

    /// Reads `bytes` as an events file with extension `ext` (`csv` or `jsonl`); traps only on a crash of
    /// the reader, never on bad input, which must come back as an `ImportError`.
    public static func readEvents(_ bytes: UnsafeBufferPointer<UInt8>, extension ext: String) {
        let url = file(extension: ext)
        do {
            // Not atomically (FileManager.createFile would write a temporary file and rename it): one file
            // per process, rewritten a million times.
            try Data(bytes).write(to: url)
        } catch {
            fatalError("cannot write \(url.path): \(error)")
        }
        do {
            var reader = try TableReader(
                url: url, required: ["user_id", "item_id", "event", "timestamp"],
                expectedHeader: "user_id,item_id,event,timestamp[,value][,text]")
            while let next = try reader.next() {
                switch next {
                case .success(let row):
                    let fields = FieldParser(file: reader.fileName, line: row.line)
                    do { _ = try Importer.event(row, fields: fields) } catch let problem as ImportError {
                        precondition(problem.line == row.line, "a problem names the record's line")
                    }
                case .failure(let unreadable):
                    precondition(unreadable.problem.line >= 1)
                }
            }
        } catch is ImportError {
            // A bad header or an empty file: a clear error, as expected.
        } catch {
            fatalError("an error that is not an ImportError: \(error)")
        }
    }
}

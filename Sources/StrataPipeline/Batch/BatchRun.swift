import Foundation
import StrataImport

/// What one `strata batch` run did.
public struct BatchSummary: Sendable, Equatable {
    /// Users written out.
    public var written = 0
    /// Lines rejected (not JSON, a bad field, an unknown item or event name).
    public var rejected = 0
}

extension BatchModel {
    /// Reads users' histories as JSON Lines from `input` (`BatchInput`, one user a line; blank lines are
    /// skipped) and hands `write` one output line (`BatchLine` as JSON) per user, in input order, ranking
    /// `usersPerBlock` users at a time: memory holds the model and one block, however long the input.
    /// A line that cannot be read is handed to `reject` (its error names the line and the field) and the
    /// other users still come out.
    public func run(
        input: FileHandle, k: Int, source: String = "stdin", usersPerBlock: Int = 64,
        write: (String) throws -> Void, reject: (ImportError) -> Void
    ) throws -> BatchSummary {
        var summary = BatchSummary()
        var block = [BatchInput]()
        func flush() throws {
            guard !block.isEmpty else { return }
            for line in try lines(for: block, k: k) { try write(JSONOutput.string(line)) }
            summary.written += block.count
            block.removeAll(keepingCapacity: true)
        }
        var number = 0
        try JSONLines.forEachLine(of: input) { text in
            number += 1
            guard !text.allSatisfy(\.isWhitespace) else { return }
            do {
                block.append(try BatchInput.parse(text, line: number, source: source, knows: knows(item:)))
            } catch let error as ImportError {
                summary.rejected += 1
                reject(error)
                return
            }
            if block.count == usersPerBlock { try flush() }
        }
        try flush()
        return summary
    }
}

import Foundation

/// Where a command's output goes while it is produced: standard output, or a file written under a
/// temporary name beside it and renamed into place by `finish()`, so a run that fails leaves the earlier
/// file (or none), never half of one. Output is buffered and written a megabyte at a time.
final class OutputWriter {
    private let path: String?
    private let temporaryPath: String?
    private let handle: FileHandle
    private var buffer = Data()
    private var finished = false

    /// A writer to `path`, or to standard output when `nil`.
    init(path: String?) throws {
        self.path = path
        guard let path else {
            (temporaryPath, handle) = (nil, FileHandle.standardOutput)
            return
        }
        let temporaryPath = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporaryPath)
        else { throw CommandError("\(path): cannot write: cannot create \(temporaryPath) there") }
        (self.temporaryPath, self.handle) = (temporaryPath, handle)
    }

    /// Appends `text` and a line break.
    func writeLine(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes what is buffered and, for a file, closes it and moves it into place.
    func finish() throws {
        try flush()
        finished = true
        guard let path, let temporaryPath else { return }
        do {
            try handle.close()
            guard rename(temporaryPath, path) == 0 else {
                throw CommandError("\(path): cannot write: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw error
        }
    }

    private func flush() throws {
        do { try handle.write(contentsOf: buffer) } catch {
            throw CommandError("\(path ?? "standard output"): cannot write: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit {
        guard !finished, let temporaryPath else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}

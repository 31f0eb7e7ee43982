import Foundation
import Synchronization

/// Where a command's output goes while it is produced: standard output, or a file written under a
/// temporary name beside it and renamed into place by `finish()`, so a run that fails leaves the earlier
/// file (or none), never half of one — nor, when SIGTERM or SIGINT ends the run, the temporary file
/// (see `PartialFiles`). Output is buffered and written a megabyte at a time.
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
        PartialFiles.add(temporaryPath)  // before the file exists: a signal never finds it unregistered
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporaryPath)
        else {
            PartialFiles.remove(temporaryPath)
            throw CommandError("\(path): cannot write: cannot create \(temporaryPath) there")
        }
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
            PartialFiles.remove(temporaryPath)
        } catch {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            PartialFiles.remove(temporaryPath)
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
        PartialFiles.remove(temporaryPath)
    }
}

/// The temporary files of unfinished `OutputWriter`s. SIGTERM and SIGINT end a command without
/// unwinding, so no `deinit` runs: once a file is registered, those signals first remove every
/// registered file, then end the process by the same signal (a shell still sees 143 or 130).
enum PartialFiles {
    private static let paths = Mutex<Set<String>>([])

    static func add(_ path: String) {
        paths.withLock { _ = $0.insert(path) }
        _ = handlers
    }

    static func remove(_ path: String) {
        paths.withLock { _ = $0.remove(path) }
    }

    /// The signal sources, made once (a lazy static); dispatch delivers the signals to them on a queue
    /// of their own, so they run while the command's thread computes or waits.
    nonisolated(unsafe) private static let handlers: [any DispatchSourceSignal] = {
        let queue = DispatchQueue(label: "strata.partial-files")
        return [SIGTERM, SIGINT].map { signalNumber in
            #if canImport(Darwin)
                signal(signalNumber, SIG_IGN)  // kqueue delivers it only when the default action does not
            #endif
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                for path in paths.withLock({ $0 }) { unlink(path) }
                // End by the signal itself: default action back, unblocked on this thread, raised here.
                signal(signalNumber, SIG_DFL)
                var set = sigset_t()
                sigemptyset(&set)
                sigaddset(&set, signalNumber)
                pthread_sigmask(SIG_UNBLOCK, &set, nil)
                raise(signalNumber)
                _exit(128 + signalNumber)
            }
            source.resume()
            return source
        }
    }()
}

import Foundation
import StrataTestSupport
import Testing

/// `strata recommend --all-users --output PATH` stopped by SIGTERM or SIGINT leaves no `PATH.partial-PID`
/// behind, and still ends by that signal.
@Suite struct PartialOutputSignalTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func aStoppedRunLeavesNoPartialFile(_ signalNumber: Int32) async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The command makes its partial file before any work, then opens the store: a PostgreSQL "server"
        // that takes the connection and never answers holds it there, so the signal lands mid-run.
        let listener = try SilentListener()
        defer { listener.close() }
        let output = folder.appendingPathComponent("recs.csv")
        let process = Process()
        process.executableURL = RepositoryPaths.strataExecutable
        process.arguments = [
            "recommend", "--db", "postgres://strata:strata@127.0.0.1:\(listener.port)/strata", "--all-users",
            "--output", output.path
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // From the file's creation the command waits for the store at most its 5-second connect timeout, so
        // the test watches and signals without yielding its thread: on a busy machine an awaiting task may
        // not run again within those seconds (a brief block of one thread, bounded by the command's start).
        let partial = output.path + ".partial-\(process.processIdentifier)"
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: partial), process.isRunning, Date() < deadline {
            usleep(5_000)
        }
        #expect(FileManager.default.fileExists(atPath: partial), "no \(partial) while the command runs")
        usleep(300_000)  // dispatch registers the signal sources asynchronously
        #expect(process.isRunning, "the command ended before the signal")
        kill(process.processIdentifier, signalNumber)
        let timedOut = await process.exit(within: .seconds(60))
        #expect(!timedOut, "the signal did not end the command")
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signalNumber)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left.isEmpty, "left behind: \(left)")
    }
}

/// A TCP port on 127.0.0.1 that accepts connections (into the kernel's backlog) and never answers.
private final class SilentListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard descriptor >= 0, bound, listen(descriptor, 16) == 0 else {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            if descriptor >= 0 { _ = Glibc.close(descriptor) }
            throw error
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}

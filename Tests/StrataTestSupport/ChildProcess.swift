import Foundation

/// What a child process left behind: its exit status, standard output and standard error.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let output: String
    public let error: String
    /// Whether it was killed for running past its timeout.
    public let timedOut: Bool
}

/// Child processes for tests, awaited without blocking a thread.
///
/// Swift Testing runs tests on the cooperative thread pool, which has one thread per core. A test that
/// blocks its thread — `waitUntilExit()`, a pipe read, a semaphore — takes a thread from every other test
/// and from the in-process servers that answer them: on 2 cores, two such tests and a server stops
/// answering (which is how headless Chromium, waiting on the dashboard's requests, used to hang).
/// So children are awaited by polling, and their output goes to files, which a chatty child can never fill.
public enum ChildProcess {
    /// Runs `executable` with `arguments` to its end; past `timeout` it is killed (SIGKILL) and the
    /// result says so.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
        currentDirectory: URL? = nil, timeout: Duration = .seconds(600)
    ) async throws -> ProcessResult {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputFile = folder.appendingPathComponent("stdout")
        let errorFile = folder.appendingPathComponent("stderr")
        for file in [outputFile, errorFile] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let output = try FileHandle(forWritingTo: outputFile)
        let error = try FileHandle(forWritingTo: errorFile)
        defer {
            try? output.close()
            try? error.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let timedOut = await process.exit(within: timeout)
        return ProcessResult(
            status: process.terminationStatus,
            output: String(decoding: try Data(contentsOf: outputFile), as: UTF8.self),
            error: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self),
            timedOut: timedOut)
    }
}

extension Process {
    /// Waits for the process to end without blocking a thread (it polls every 20 ms).
    public func exit() async {
        while isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// Waits for the process to end, killing it (SIGKILL) when it runs past `timeout`; `true` when it had to.
    public func exit(within timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        guard isRunning else { return false }
        kill(processIdentifier, SIGKILL)
        await exit()
        return true
    }
}

import Foundation

/// Where tests find the repository, the installed model and the shared reference material.
public enum RepositoryPaths {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the repository: fixtures, reference figures and licensed data.
    public static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")

    /// The all-MiniLM-L6-v2 folder that `scripts/setup` installs.
    public static let miniLM = root.appendingPathComponent("models/all-MiniLM-L6-v2")

    /// Every line of a JSONL reference file, decoded; stops the tests when it is missing (`missing`
    /// says how to make it).
    public static func jsonLines<Line: Decodable>(_ url: URL, missing: String = "") -> [Line] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("reference cases missing at \(url.path)" + (missing.isEmpty ? "" : "; \(missing)"))
        }
        let decoder = JSONDecoder()
        return text.split(separator: "\n").enumerated().map { number, line in
            do {
                return try decoder.decode(Line.self, from: Data(line.utf8))
            } catch {
                fatalError("\(url.path):\(number + 1): not a reference case: \(error)")
            }
        }
    }

    /// A fresh, empty temporary folder for one test.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension RepositoryPaths {
    /// The `strata` executable built beside the test bundle.
    public static var strataExecutable: URL {
        let folder =
            Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return folder.appendingPathComponent("strata")
    }

    /// Runs `strata` with `arguments` in the repository's folder, awaited without blocking a thread
    /// (see `ChildProcess`).
    public static func runStrata(_ arguments: [String], environment: [String: String] = [:]) async throws
        -> ProcessResult
    {
        try await ChildProcess.run(
            strataExecutable, arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            currentDirectory: root)
    }
}

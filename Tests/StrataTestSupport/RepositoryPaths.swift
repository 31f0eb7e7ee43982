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

    /// A fresh, empty temporary folder for one test.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

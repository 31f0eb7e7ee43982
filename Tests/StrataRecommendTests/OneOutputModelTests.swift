import Foundation
import StrataTestSupport
import Testing

/// One output model (issue 14): JSON leaves the sources through Codable views and one encoder
/// configuration, never through untyped Foundation objects built by hand.
@Suite struct OneOutputModelTests {
    @Test func noSourceBuildsJSONFromUntypedObjects() throws {
        let sources = RepositoryPaths.root.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100)
        for file in files {
            let source = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("JSONSerialization") || line.contains("[String: Any]") {
                Issue.record("Sources/\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }
}

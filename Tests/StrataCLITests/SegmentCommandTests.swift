import Foundation
import StrataTestSupport
import Testing

/// `strata segment` refuses bad parameters with a clear message before touching the store.
struct SegmentCommandTests {
    @Test func badKAndLayerAreRefusedClearly() throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("s.sqlite").path
        let k = try RepositoryPaths.runStrata(["segment", "--db", db, "--k", "1"])
        #expect(k.status != 0)
        #expect(k.error.contains("--k: expected auto or a whole number of at least 2, found '1'"))
        let layer = try RepositoryPaths.runStrata(["segment", "--db", db, "--layer", "top"])
        #expect(layer.status != 0)
        #expect(layer.error.contains("top"))
    }
}

import Foundation
import StrataPipeline
import StrataSQLite
import StrataTestSupport
import Testing

@testable import StrataServer

/// What `/healthz` reports while the server starts: the pipeline's current stage, with its counts when
/// the stage has a progress reporter, and the pipeline's own reporters and log still served.
@Suite struct StartupProgressTests {
    final class Lines: @unchecked Sendable {
        var lines = [String]()
    }

    @Test func theStageAndItsCountsFollowThePipeline() throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("s.sqlite").path)
        let logged = Lines()
        let pipeline = Pipeline(
            store: store, modelID: "test", embedder: { throw CocoaError(.featureUnsupported) },
            log: { logged.lines.append($0) })
        let startup = StartupProgress()
        #expect(startup.report == .init(stage: "opening the store"))
        startup.follow(pipeline)
        let bar = pipeline.progress("embedding items", 1000)
        #expect(startup.report == .init(stage: "embedding items", done: 0, total: 1000))
        bar.update(250)
        #expect(startup.report == .init(stage: "embedding items", done: 250, total: 1000))
        pipeline.log("fitting the hybrid recommender on 3 users")
        #expect(startup.report == .init(stage: "fitting the hybrid recommender on 3 users"))
        #expect(logged.lines == ["fitting the hybrid recommender on 3 users"])
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(startup.report)) as? [String: Any]
        #expect(json?["status"] as? String == "starting")
        #expect(json?["done"] == nil)
    }
}

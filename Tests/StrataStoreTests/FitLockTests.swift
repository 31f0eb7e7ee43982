import Foundation
import StrataCore
import StrataPostgres
import StrataStore
import StrataTestSupport
import Synchronization
import Testing

/// `Store.whileFitting`: one holder of a fit lock at a time (on PostgreSQL an advisory lock, so also
/// across processes); and fitted segments stored with their fit number and announced.
@Suite struct FitLockTests {
    @Test(arguments: Backend.allCases) func aFitLockHasOneHolderAtATime(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        let store = fixtures.store
        let outcome = try store.whileFitting(.segments) { () throws -> [Bool?] in
            [
                try store.whileFitting(.segments) { true },
                try store.whileFitting(.recommender) { true }
            ]
        }
        #expect(outcome == [nil, true])
        #expect(try store.whileFitting(.segments) { 7 } == 7)
    }

    @Test func fittedSegmentsAreNumberedAndAnnounced() async throws {
        let url = try TestPostgres.shared().freshDatabase()
        let (fitter, follower) = (try PostgresStore(url: url), try PostgresStore(url: url))
        let heard = Heard()
        let following = Task { await follower.follow { heard.add($0) } }
        defer { following.cancel() }
        var model = SegmentStoreTests.model(members: ["u1": 0, "u2": 1])
        model.layer = .deep
        try fitter.saveSegmentModel(model, users: nil)
        #expect(try follower.segmentFitNumber(layer: .deep) == 0)
        // The follower listens from a connection of its own: announce until it is listening.
        let announced = try await eventually(every: .milliseconds(200)) { () throws -> Int? in
            let number = try fitter.saveFittedSegments(model)
            return heard.changes.contains(.segmentsFitted) ? number : nil
        }
        let number = try #require(announced)
        #expect(number >= 1)
        #expect(try follower.segmentFitNumber(layer: .deep) == number)
        #expect(try follower.segmentModel(layer: .deep) == model)
        #expect(try follower.segmentFitNumber(layer: .middle) == 0)
    }
}

/// What a follower heard, from the feed's thread.
final class Heard: Sendable {
    private let heard = Mutex<[SharedChange]>([])
    func add(_ change: SharedChange) { heard.withLock { $0.append(change) } }
    var changes: [SharedChange] { heard.withLock { $0 } }
}

import Foundation
import StrataCore
import StrataRecommend
import Testing

@testable import StrataEvaluation
@testable import StrataPipeline

/// `recommend` and `serve` choose the hybrid on the store's own data once, keep the choice with the data's
/// size, and choose again only when the data changed by half.
@Suite struct PipelineTuningTests {
    /// `users` users who each view the items of one theme in turn, a day apart.
    static func events(users: Range<Int>) -> [Event] {
        users.flatMap { u in
            (0 ..< 8).map { n in
                Event(
                    userID: "u\(u)", itemID: "\(u % 3)\((n + u) % 4)", type: .view,
                    timestamp: 1_700_000_000 + Int64(u * 10 + n) * 86_400)
            }
        }
    }

    @Test func theChoiceIsKeptWhileTheDataHoldsAndMadeAgainWhenItGrowsByHalf() throws {
        let fixture = try PipelineTests.Fixture()
        let pipeline = fixture.pipeline
        pipeline.tuning?.minimumUsers = 5
        try fixture.store.write { writer in for event in Self.events(users: 0 ..< 12) { try writer.insert(event) } }
        _ = try pipeline.hybridParameters(catalog: try pipeline.catalog())
        let first = try #require(try fixture.store.record(TuningRecord.self))
        #expect(first.outcome.fallback == nil && !first.outcome.trials.isEmpty)
        #expect(first.events == 96 && first.items == 12)
        #expect(fixture.logged.contains { $0.hasPrefix("recommender: chose ") })

        // Unchanged, and grown by less than half: the kept choice, no new search.
        _ = try pipeline.hybridParameters(catalog: try pipeline.catalog())
        try fixture.store.write { writer in for event in Self.events(users: 12 ..< 15) { try writer.insert(event) } }
        let kept = try pipeline.hybridParameters(catalog: try pipeline.catalog())
        #expect(try fixture.store.record(TuningRecord.self)?.tunedAt == first.tunedAt)
        #expect(kept == first.outcome.parameters)

        // Grown by half: searched again on the new data.
        try fixture.store.write { writer in for event in Self.events(users: 15 ..< 20) { try writer.insert(event) } }
        _ = try pipeline.hybridParameters(catalog: try pipeline.catalog())
        let second = try #require(try fixture.store.record(TuningRecord.self))
        #expect(second.tunedAt > first.tunedAt && second.events == 160)
    }

    @Test func withoutTuningTheStoredOrDefaultParametersAreUsed() throws {
        let fixture = try PipelineTests.Fixture()
        fixture.pipeline.tuning = nil
        try fixture.store.write { writer in for event in Self.events(users: 0 ..< 12) { try writer.insert(event) } }
        #expect(try fixture.pipeline.hybridParameters(catalog: try fixture.pipeline.catalog()) == HybridParameters())
        #expect(try fixture.store.record(TuningRecord.self) == nil)
    }

    @Test func aStoreTooSmallToTuneSaysSoAndUsesTheFallback() throws {
        let fixture = try PipelineTests.Fixture()
        try fixture.store.write { writer in for event in Self.events(users: 0 ..< 3) { try writer.insert(event) } }
        #expect(try fixture.pipeline.hybridParameters(catalog: try fixture.pipeline.catalog()) == ModelSearch.fallback)
        #expect(fixture.logged.contains { $0.contains("recommender: not tuned (3 users have enough interactions") })
    }

    @Test func staleMeansTheInteractionsOrTheCatalogChangedByHalf() {
        let outcome = ModelSearch.Outcome(
            parameters: HybridParameters(), validationNDCG: 0, trials: [], chosen: [], seconds: 0, cutShort: false,
            scoredUsers: 0, validationUsers: 0, candidates: .all, fallback: nil)
        let record = TuningRecord(outcome: outcome, events: 100, items: 10, tunedAt: 0)
        #expect(!record.isStale(events: 149, items: 14))
        #expect(record.isStale(events: 150, items: 10))
        #expect(record.isStale(events: 100, items: 15))
        #expect(record.isStale(events: 66, items: 10), "shrunk by a third: grown by half the other way")
    }
}

import Foundation
import StrataCore
import Testing

@testable import StrataPipeline

/// The segments stage on PipelineTests' small catalog: stored and reused, and kept current by applyEvents.
@Suite struct PipelineSegmentTests {
    /// Three space-opera fans and three hikers.
    static let events: [Event] = (0 ..< 3).flatMap { (u: Int) -> [Event] in
        let space: [Event] = (0 ..< 4).map {
            Event(userID: "space\(u)", itemID: "0\($0)", type: .view, timestamp: Int64(u * 10 + $0) * 3_600)
        }
        let hike: [Event] = (0 ..< 4).map {
            Event(userID: "hike\(u)", itemID: "2\($0)", type: .view, timestamp: Int64(u * 10 + $0) * 3_600)
        }
        return space + hike
    }

    /// space0 turns to hiking for good.
    static let turn: [Event] = (0 ..< 12).map {
        Event(userID: "space0", itemID: "2\($0 % 4)", type: .purchase, timestamp: Int64(200 + $0) * 86_400)
    }

    func segmented(refitDrift: Double) throws -> PipelineTests.Fixture {
        let fixture = try PipelineTests.Fixture()
        try fixture.store.write { writer in for event in Self.events { try writer.insert(event) } }
        fixture.pipeline.segmentation.segmenter.k = 2
        fixture.pipeline.segmentation.refitDrift = refitDrift
        return fixture
    }

    @Test func segmentsAreStoredAndReused() throws {
        let fixture = try segmented(refitDrift: 1)
        let model = try fixture.pipeline.segments(layer: .middle, catalog: try fixture.pipeline.catalog())
        #expect(model.segments.map(\.size) == [3, 3])
        #expect(model.membership(of: "space0") == model.membership(of: "space2"))
        #expect(model.membership(of: "space0") != model.membership(of: "hike0"))
        fixture.logged.removeAll()
        #expect(try fixture.pipeline.segments(layer: .middle, catalog: try fixture.pipeline.catalog()) == model)
        #expect(fixture.logged.isEmpty, "the stored segments are current")
    }

    @Test func applyEventsMovesTheUserOnline() throws {
        let fixture = try segmented(refitDrift: 1)
        let before = try fixture.pipeline.segments(layer: .middle, catalog: try fixture.pipeline.catalog())
        let update = try #require(try fixture.pipeline.applyEvents(Self.turn).segments[.middle])
        let hikers = before.membership(of: "hike0")!
        #expect(update.moved == [SegmentUpdate.Move(user: "space0", from: before.membership(of: "space0"), to: hikers)])
        #expect(!update.refitted)
        let after = try fixture.pipeline.segments(layer: .middle, catalog: try fixture.pipeline.catalog())
        #expect(after.membership(of: "space0") == hikers && after.movedSinceFit == 1)
        #expect(after.segment(hikers)?.size == 4)
    }

    @Test func driftPastTheThresholdRefitsAndKeepsIds() throws {
        let fixture = try segmented(refitDrift: 0.1)
        let before = try fixture.pipeline.segments(layer: .middle, catalog: try fixture.pipeline.catalog())
        fixture.logged.removeAll()
        #expect(try fixture.pipeline.applyEvents(Self.turn).segments[.middle]?.refitted == true)
        #expect(fixture.logged.contains { $0.contains("past the refit threshold") })
        let after = try #require(try fixture.store.segmentModel(layer: .middle))
        #expect(after.movedSinceFit == 0)
        #expect(after.segments.map(\.id) == before.segments.map(\.id))
        #expect(after.membership(of: "space0") == before.membership(of: "hike0"))
    }
}

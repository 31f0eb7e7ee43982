import Foundation
import StrataCore
import Testing

@testable import StrataPipeline

/// A later run that chooses no segmenter keeps the stored segments and the settings they were fitted
/// with; a different choice refits; new events refit with the stored settings.
@Suite struct StoredSegmentSettingsTests {
    /// PipelineSegmentTests' six users, their middle layer segmented with k = 3 by one pipeline (two
    /// tight groups, so k-means may leave a cluster empty: the tests check the settings, not the count).
    func segmentedWithK3() throws -> (PipelineTests.Fixture, SegmentModel) {
        let fixture = try PipelineTests.Fixture()
        try fixture.store.write { writer in for event in PipelineSegmentTests.events { try writer.insert(event) } }
        fixture.pipeline.segmentation.segmenter.k = 3
        let model = try fixture.pipeline.segments(layer: .middle, catalog: try fixture.pipeline.catalog())
        fixture.logged.removeAll()
        return (fixture, model)
    }

    @Test func aLaterRunWithoutAChoiceReusesTheStoredSegments() throws {
        let (fixture, model) = try segmentedWithK3()
        let later = fixture.makePipeline()  // defaults: k auto
        #expect(try later.storedSegmenter(layer: .middle)?.k == 3)
        #expect(try later.segments(layer: .middle, catalog: try later.catalog()) == model)
        #expect(fixture.logged.isEmpty, "no refit: \(fixture.logged)")
        #expect(try later.storedSegmenter(layer: .deep) == nil, "the deep layer has no segments")
    }

    @Test func aDifferentChoiceRefits() throws {
        let (fixture, _) = try segmentedWithK3()
        let later = fixture.makePipeline()
        later.segmentation.chosen[.middle] = Segmenter(layer: .middle, k: 2)
        #expect(try later.segments(layer: .middle, catalog: try later.catalog()).segments.count == 2)
        #expect(fixture.logged.contains { $0.contains("segmenting 6 users on their middle layer with kmeans, k = 2") })
        #expect(try fixture.makePipeline().storedSegmenter(layer: .middle)?.k == 2)
    }

    @Test func newEventsRefitWithTheStoredSettings() throws {
        let (fixture, _) = try segmentedWithK3()
        try fixture.store.write { writer in for event in PipelineSegmentTests.turn { try writer.insert(event) } }
        let later = fixture.makePipeline()
        _ = try later.segments(layer: .middle, catalog: try later.catalog())
        #expect(
            fixture.logged.contains { $0.contains("segmenting 6 users on their middle layer with kmeans, k = 3") },
            "a refit with k = 3: \(fixture.logged)")
    }

    @Test func aRecordWrittenBeforeTheSettingsWereJSONFallsBackToTheDefaults() throws {
        let (fixture, _) = try segmentedWithK3()
        try fixture.store.saveStageRecord(
            "segments/middle", json: "12/3400/x/Segmenter(layer: StrataCore.LayerKind.middle, k: Optional(3))")
        let later = fixture.makePipeline()
        later.segmentation.segmenter.k = 2  // the default when nothing stored can be read
        #expect(try later.storedSegmenter(layer: .middle) == nil)
        #expect(try later.segments(layer: .middle, catalog: try later.catalog()).segments.count == 2)
    }
}

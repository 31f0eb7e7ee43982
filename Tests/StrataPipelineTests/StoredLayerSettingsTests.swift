import Foundation
import StrataCore
import Testing

@testable import StrataPipeline

/// The layer settings `strata evaluate --layers` chose are kept in the store and used by every later
/// pipeline over it that adopts them; profiles built before are rebuilt with them.
@Suite struct StoredLayerSettingsTests {
    @Test func keptSettingsAreAdoptedByALaterPipelineAndRebuildTheProfiles() throws {
        let fixture = try PipelineTests.Fixture()
        try fixture.store.write { writer in for event in PipelineTests.events { try writer.insert(event) } }
        // u-space viewed space opera eight times, then bought coffee (item 10) last.
        let before = try #require(
            try fixture.pipeline.profile(user: "u-space", catalog: try fixture.pipeline.catalog()))
        #expect(before.surface.interests.flatMap(\.evidence).contains { $0.hasPrefix("0") })

        var chosen = ProfileConfiguration()
        chosen.surfaceSize = 1
        try fixture.pipeline.saveLayerSettings(chosen)

        let later = fixture.makePipeline()
        #expect(later.profileConfiguration == ProfileConfiguration())
        #expect(try later.adoptStoredLayerSettings())
        #expect(later.profileConfiguration == chosen)
        let after = try #require(try later.profile(user: "u-space", catalog: try later.catalog()))
        #expect(after.surface.interests.flatMap(\.evidence) == ["10"], "the surface is the latest item only")
    }

    @Test func aStoreWithoutKeptSettingsKeepsTheDefaults() throws {
        let fixture = try PipelineTests.Fixture()
        #expect(try !fixture.pipeline.adoptStoredLayerSettings())
        #expect(fixture.pipeline.profileConfiguration == ProfileConfiguration())
    }
}

import Foundation
import StrataCore
import StrataRecommend
import Testing

@testable import StrataPipeline

/// Stage records are typed JSON: a record written before a field existed still reads, with the
/// field's default, and a refit of the topics makes the profiles stale without random fingerprints.
@Suite struct StageRecordTests {
    @Test func recordsMissingLaterFieldsDecodeWithDefaults() throws {
        let profiles = try JSONDecoder().decode(ProfilesRecord.self, from: Data(#"{"inputs":{"events":12}}"#.utf8))
        #expect(profiles.inputs == ProfileInputs(events: 12, lastEvent: 0, topicsFittedAt: 0, configuration: ""))
        #expect(profiles.computedAt == 0)
        let topics = try JSONDecoder().decode(TopicsRecord.self, from: Data(#"{"fineTopics":7}"#.utf8))
        #expect(topics.fineTopics == 7 && topics.items == 0 && topics.fittedAt == 0)
        // Parameters tuned before EASE's head size existed keep their weights.
        let tuned = try JSONDecoder().decode(
            HybridParameters.self, from: Data(#"{"easeLambda":500,"weights":{"ease":2}}"#.utf8))
        #expect(tuned.easeLambda == 500 && tuned.weights == ["ease": 2])
        #expect(tuned.easeMaximumItems == HybridParameters().easeMaximumItems)
    }

    @Test func aTopicRefitMakesTheProfilesStale() throws {
        let fixture = try PipelineTests.Fixture()
        try fixture.store.write { writer in for event in PipelineTests.events { try writer.insert(event) } }
        try fixture.pipeline.ensureProfiles(try fixture.pipeline.catalog())
        let before = try #require(try fixture.pipeline.store.record(ProfilesRecord.self))
        #expect(try before.inputs == fixture.pipeline.profileInputs())
        _ = try fixture.pipeline.catalog(refitTopics: true).topics
        #expect(try fixture.pipeline.store.record(ProfilesRecord.self)?.inputs != fixture.pipeline.profileInputs())
        fixture.logged.removeAll()
        try fixture.pipeline.ensureProfiles(try fixture.pipeline.catalog())
        #expect(fixture.logged.contains { $0.hasPrefix("computing the interest profiles") })
        let json = try #require(try fixture.store.stageRecord("topics"))
        #expect(try JSONDecoder().decode(TopicsRecord.self, from: Data(json.utf8)).items == 12)
    }
}

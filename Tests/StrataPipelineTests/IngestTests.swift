import StrataCore
import StrataRecommend
import Testing

@testable import StrataPipeline

/// The one write path for events (`Pipeline.ingest`, `reread`) against the reference it must equal: a
/// profile built from every stored event of the user at once.
@Suite struct IngestTests {
    typealias Fixture = PipelineTests.Fixture

    /// Each user's profile built from all their stored events, the non-incremental way.
    private func recomputed(_ users: [String], in fixture: Fixture, builder: ProfileBuilder) throws -> [UserProfile] {
        try users.map { builder.profile(user: $0, events: try fixture.store.events(ofUser: $0)) }
    }

    @Test(arguments: [1, Int.max])
    func batchesThroughKeptHistoriesGiveTheProfilesOfAFullRecomputation(kept: Int) throws {
        let fixture = try Fixture()
        let events = PipelineTests.events
        try fixture.store.write { writer in for event in events.prefix(6) { try writer.insert(event) } }
        try fixture.pipeline.ensureProfiles(try fixture.pipeline.catalog())
        let builder = try fixture.pipeline.profileBuilder(try fixture.pipeline.catalog())
        var histories = KeptHistories(limit: kept)
        let batches: [[Event]] = [
            Array(events[6 ..< 11]) + [events[0]],  // a duplicate of a stored event
            [Event(userID: "u-space", itemID: "12", type: .like, timestamp: 3)]  // older than what u-space has
                + [Event(userID: "u-new", itemID: "21", type: .click, timestamp: 5)],
            Array(events.dropFirst(11)) + [Event(userID: "u-space", itemID: "13", type: .view, timestamp: 30 * 86_400)]
        ]
        for batch in batches {
            let ingested = try fixture.pipeline.ingest(batch, builder: builder, histories: &histories)
            let users = Set(batch.map(\.userID)).sorted()
            #expect(ingested.users == users)
            #expect(ingested.profiles == (try recomputed(users, in: fixture, builder: builder)))
            #expect(try users.map { try fixture.store.profile(user: $0) } == ingested.profiles, "stored")
        }
        try fixture.pipeline.computeAllProfiles(try fixture.pipeline.catalog())
        #expect(try fixture.store.profiles().count == 3)
    }

    @Test func onlyTheNewInteractionsAreHandedOnOldestFirst() throws {
        let fixture = try Fixture()
        try fixture.pipeline.ensureProfiles(try fixture.pipeline.catalog())
        let builder = try fixture.pipeline.profileBuilder(try fixture.pipeline.catalog())
        var histories = KeptHistories()
        let stored = Event(userID: "u", itemID: "00", type: .view, timestamp: 10)
        _ = try fixture.pipeline.ingest([stored], builder: builder, histories: &histories)
        let ingested = try fixture.pipeline.ingest(
            [
                Event(userID: "u", itemID: "02", type: .purchase, timestamp: 30), stored,
                Event(userID: "u", itemID: "01", type: .click, timestamp: 20)
            ], builder: builder, histories: &histories)
        #expect(ingested.interactions["u"]?.map(\.itemID) == ["01", "02"], "the known view is not seen twice")
        #expect(ingested.interactionCount == 2)
        #expect(!ingested.replacesInteractions)

        var recommender = try fixture.pipeline.recommender(
            parameters: HybridParameters(), excludeSeen: .purchased, catalog: try fixture.pipeline.catalog())
        recommender.observe(ingested, segments: nil)
        let context = try #require(recommender.contexts["u"])
        #expect(context.lastTime == 30)
        #expect(
            context.excluded?.map { recommender.matrix.itemIDs[$0] } == ["02"], "the purchase is never recommended back"
        )
    }

    @Test func rereadingUsersTakesWhatAnotherProcessStored() throws {
        let fixture = try Fixture()
        let events = PipelineTests.events
        try fixture.store.write { writer in for event in events.prefix(4) { try writer.insert(event) } }
        try fixture.pipeline.ensureProfiles(try fixture.pipeline.catalog())
        let builder = try fixture.pipeline.profileBuilder(try fixture.pipeline.catalog())
        var histories = KeptHistories()
        _ = try fixture.pipeline.ingest([events[4]], builder: builder, histories: &histories)
        // Another process stores the rest; this one's kept history of u-space is stale.
        try fixture.store.write { writer in for event in events.dropFirst(5) { try writer.insert(event) } }
        let reread = try fixture.pipeline.reread(users: ["u-space", "u-hike"], builder: builder, histories: &histories)
        #expect(reread.users == ["u-hike", "u-space"])
        #expect(reread.profiles == (try recomputed(["u-hike", "u-space"], in: fixture, builder: builder)))
        #expect(reread.replacesInteractions)
        let space = events.filter { $0.userID == "u-space" }.sorted {
            ($0.timestamp, $0.itemID) < ($1.timestamp, $1.itemID)
        }
        #expect(reread.interactions["u-space"] == space)
    }
}

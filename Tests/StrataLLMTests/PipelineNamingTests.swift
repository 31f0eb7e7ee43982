import Foundation
import StrataCore
import StrataLLM
import StrataPipeline
import StrataSQLite
import StrataTestSupport
import Testing

/// Topic and segment names through the pipeline: kept in the store, never asked twice, never carrying
/// a user id, and falling back to keyword labels with one warning.
@Suite struct PipelineNamingTests {
    static let titles = ["m1": "Star Voyage", "m2": "Moon Base", "m3": "The Bank Job", "m4": "Vault Break"]

    static let topics = TopicModel(
        modelID: "test",
        fine: [
            Topic(
                id: 0, level: .fine, label: "Sci-Fi: starship, galaxy", keywords: ["starship", "galaxy"], size: 2,
                parent: 2,
                representativeItems: ["m1", "m2"], centroid: [1, 0]),
            Topic(
                id: 1, level: .fine, label: "Crime: heist, vault", keywords: ["heist", "vault"], size: 2, parent: 2,
                representativeItems: ["m3", "m4"], centroid: [0, 1])
        ],
        coarse: [
            Topic(
                id: 2, level: .coarse, label: "Movies: starship, heist", keywords: ["starship", "heist"], size: 4,
                parent: nil,
                representativeItems: ["m1", "m3"], centroid: [0.7, 0.7])
        ], itemTopics: ["m1": 0, "m2": 0, "m3": 1, "m4": 1])

    /// Two segments whose members and representative users have ids that must never leave the process.
    static let users = ["user-4711", "user-0815", "user-2001", "user-1999"]
    static let segments = SegmentModel(
        layer: .deep, algorithm: "kmeans",
        segments: [
            Segment(
                id: 0, label: "Sci-Fi: starship", keywords: ["starship", "galaxy"], topics: [0], size: 2,
                representativeUsers: ["user-4711", "user-0815"], representativeItems: ["m1", "m2"], cohesion: 0.5,
                centroid: [1, 0]),
            Segment(
                id: 1, label: "Crime: heist", keywords: ["heist", "vault"], topics: [1], size: 2,
                representativeUsers: ["user-2001", "user-1999"], representativeItems: ["m3", "m4"], cohesion: 0.5,
                centroid: [0, 1])
        ],
        memberships: Dictionary(
            uniqueKeysWithValues: users.enumerated().map {
                (
                    $1,
                    SegmentMembership(
                        user: $1, segment: $0 / 2, memberships: [WeightedSegment(segment: $0 / 2, weight: 1)])
                )
            }), nextID: 2, temperature: 1, centroidWeights: [2, 2])

    /// A pipeline over a fresh store in a temporary folder (no encoder is needed to name), with its log lines.
    static func pipeline(_ path: URL, llm: LLMConfiguration?, sent: Locked<[String]>, logged: Locked<[String]>) throws
        -> Pipeline
    {
        let pipeline = Pipeline(
            store: try SQLiteStore(path: path.path), modelID: "test",
            embedder: { throw CancellationError() }, log: { line in logged.withLock { $0.append(line) } })
        if let llm { pipeline.useLLM(llm, observe: { body in sent.withLock { $0.append(body) } }) }
        return pipeline
    }

    @Test func namesAreStoredSoASecondRunSendsNothingAndNoPromptCarriesAUserID() async throws {
        let server = try await FakeOpenAI()
        let path = try RepositoryPaths.temporaryFolder().appendingPathComponent("strata.sqlite")
        let sent = Locked([String]())
        let logged = Locked([String]())
        let configuration = LLMConfiguration(baseURL: server.baseURL, model: "fake")
        let run = { @Sendable in
            let pipeline = try Self.pipeline(path, llm: configuration, sent: sent, logged: logged)
            return LabelNames(
                topics: pipeline.topicNames(Self.topics, titles: Self.titles),
                segments: pipeline.segmentNames(Self.segments, titles: Self.titles))
        }
        let first = try await onThread(run)
        #expect(first.topics == [0: "Starship picks", 1: "Heist picks", 2: "Starship picks"])
        #expect(first.segments == [0: "Starship picks", 1: "Heist picks"])
        #expect(server.bodies.count == 5)

        let second = try await onThread(run)
        #expect(second == first)
        #expect(server.bodies.count == 5, "the answers came from the store")

        let bodies = sent.current
        #expect(bodies.sorted() == server.bodies.sorted(), "what the client sent is what arrived")
        for body in bodies {
            for user in Self.users { #expect(!body.contains(user), "a prompt carries the user id \(user)") }
        }
        #expect(bodies.contains { $0.contains("Star Voyage") }, "prompts do carry item titles")
        #expect(logged.current.allSatisfy { !$0.contains("warning") })
        await server.stop()
    }

    @Test func onlyGroupsWhoseMembersChangedAreNamedAgain() async throws {
        let server = try await FakeOpenAI()
        let path = try RepositoryPaths.temporaryFolder().appendingPathComponent("strata.sqlite")
        let sent = Locked([String]())
        let logged = Locked([String]())
        let configuration = LLMConfiguration(baseURL: server.baseURL, model: "fake")
        // The refit: segment 1 gains a member and topic 1 an item; every group's keywords shift.
        var topics = Self.topics
        topics.itemTopics["m5"] = 1
        for index in topics.fine.indices { topics.fine[index].keywords.append("shifted") }
        topics.coarse[0].keywords.append("shifted")
        var segments = Self.segments
        segments.memberships["user-3000"] = SegmentMembership(
            user: "user-3000", segment: 1, memberships: [WeightedSegment(segment: 1, weight: 1)])
        for index in segments.segments.indices { segments.segments[index].keywords.append("shifted") }
        let (topicsAfter, segmentsAfter) = (topics, segments)
        let names = try await onThread {
            let pipeline = try Self.pipeline(path, llm: configuration, sent: sent, logged: logged)
            let before = LabelNames(
                topics: pipeline.topicNames(Self.topics, titles: Self.titles),
                segments: pipeline.segmentNames(Self.segments, titles: Self.titles))
            let asked = sent.current.count
            let afterSegments = pipeline.segmentNames(segmentsAfter, titles: Self.titles)
            let segmentRequests = sent.current.count - asked
            let afterTopics = pipeline.topicNames(topicsAfter, titles: Self.titles)
            return (before, asked, afterSegments, segmentRequests, afterTopics, sent.current.count - asked)
        }
        #expect(names.1 == 5)
        #expect(names.3 == 1, "one segment's members changed: one naming request")
        #expect(names.2 == names.0.segments, "the fake names by first keyword, which did not change")
        #expect(names.5 - names.3 == 2, "topic 1 and its coarse parent gained an item; topic 0 is not asked")
        #expect(names.4 == names.0.topics)
        #expect(
            server.bodies.allSatisfy { !$0.contains("starship, galaxy, shifted") },
            "neither topic 0 nor segment 0 was asked again")
        await server.stop()
    }

    @Test func anEndpointThatIsDownLeavesTheKeywordLabelsWithOneWarning() async throws {
        let path = try RepositoryPaths.temporaryFolder().appendingPathComponent("strata.sqlite")
        let sent = Locked([String]())
        let logged = Locked([String]())
        let names = try await onThread {
            try Self.pipeline(
                path, llm: LLMConfiguration(baseURL: LabelNamerTests.closedEndpoint, model: "fake"), sent: sent,
                logged: logged
            )
            .topicNames(Self.topics, titles: Self.titles)
        }
        #expect(names.isEmpty)
        let warnings = logged.current.filter { $0.contains("warning") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("did not name 3 of 3 topics") == true)
        #expect(sent.current.count <= 2, "only the requests in flight when the endpoint proved unreachable")
        let view = TopicListView(topics: Self.topics.topics, names: [:])
        #expect(
            view.topics.map(\.label) == Self.topics.topics.map(\.label)
                && view.topics.allSatisfy { $0.keywordLabel == nil })
    }

    @Test func theScopeBoundsWhatIsAsked() async throws {
        let server = try await FakeOpenAI()
        let path = try RepositoryPaths.temporaryFolder().appendingPathComponent("strata.sqlite")
        let sent = Locked([String]())
        let logged = Locked([String]())
        let catalogOnly = LLMConfiguration(baseURL: server.baseURL, model: "fake", scope: .catalog)
        let names = try await onThread {
            let pipeline = try Self.pipeline(path, llm: catalogOnly, sent: sent, logged: logged)
            return LabelNames(
                topics: pipeline.topicNames(Self.topics, titles: Self.titles),
                segments: pipeline.segmentNames(Self.segments, titles: Self.titles))
        }
        #expect(names.segments.isEmpty, "segment names need the segments scope")
        #expect(server.bodies.count == 3 && names.topics.count == 3)
        let view = TopicListView(topics: Self.topics.topics, names: names.topics)
        #expect(view.topics[0].label == "Starship picks" && view.topics[0].keywordLabel == "Sci-Fi: starship, galaxy")
        #expect(view.topics[0].keywords == ["starship", "galaxy"], "the keywords stay beside the name")
        await server.stop()
    }

    @Test func theEnvironmentConfiguresTheEndpointAndOptionsWin() {
        let environment = [
            "STRATA_LLM_URL": "http://127.0.0.1:9/v1", "STRATA_LLM_MODEL": "m", "STRATA_LLM_API_KEY": "k"
        ]
        let configured = LLMConfiguration.resolve(url: nil, model: nil, scope: .segments, environment: environment)
        #expect(configured == LLMConfiguration(baseURL: "http://127.0.0.1:9/v1", model: "m", apiKey: "k"))
        #expect(
            LLMConfiguration.resolve(url: "http://x/v1", model: "n", scope: .users, environment: environment)?.model
                == "n")
        #expect(LLMConfiguration.resolve(url: nil, model: "n", scope: .segments, environment: [:]) == nil)
    }
}

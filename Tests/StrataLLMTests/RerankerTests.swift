import Foundation
import StrataCore
import StrataPipeline
import StrataRecommend
import StrataTestSupport
import Testing

@testable import StrataLLM

/// Re-ranking the hybrid's candidates: only candidates, each once, with reasons; the hybrid's order when
/// the answers are unusable or the scope does not reach users; no user id in the prompt.
@Suite struct RerankerTests {
    static let candidates = ["m1", "m2", "m3", "m4"]
    static let titles = ProfileExplanationTests.titles

    static func namer(_ url: String, scope: LLMScope = .users, sent: Locked<[String]>) -> LabelNamer {
        var configuration = LLMConfiguration(baseURL: url, model: "fake", scope: scope)
        configuration.backoff = .milliseconds(1)
        return LabelNamer(
            client: ChatClient(configuration, observe: { body in sent.withLock { $0.append(body) } }),
            cache: MemoryAnswerCache())
    }

    @Test func theModelsPicksComeFirstWithReasonsAndTheHybridFillsUp() async throws {
        let answer =
            #"{"ranking": [{"id": 3, "reason": "a heist, like your recent crime picks"}, {"id": 1, "reason": "space adventure"}]}"#
        let server = try await FakeOpenAI(script: [.content(answer)])
        let sent = Locked([String]())
        let result = await LLMRerank.rerank(
            Self.candidates, profile: ProfileExplanationTests.profile, titles: Self.titles, k: 3,
            namer: Self.namer(server.baseURL, sent: sent))
        #expect(result.notice == nil)
        #expect(
            result.items == [
                RerankedItem(item: "m3", reason: "a heist, like your recent crime picks"),
                RerankedItem(item: "m1", reason: "space adventure"), RerankedItem(item: "m2", reason: nil)
            ])
        #expect(sent.current.count == 1)
        #expect(sent.current[0].contains(#"4. Vault Break"#), "the candidates are numbered titles")
        #expect(sent.current[0].contains("Sci-Fi: starship, galaxy"), "the layer summaries are sent")
        #expect(!sent.current[0].contains("user-4711"), "the prompt carries no user id")
        await server.stop()
    }

    @Test func unusableRankingsLeaveTheHybridsOrder() async throws {
        let twice = #"{"ranking": [{"id": 2, "reason": "space"}, {"id": 2, "reason": "again"}]}"#
        let outside = #"{"ranking": [{"id": 9, "reason": "not a candidate"}]}"#
        let server = try await FakeOpenAI(script: [.content(twice), .content(outside)])
        let sent = Locked([String]())
        let result = await LLMRerank.rerank(
            Self.candidates, profile: ProfileExplanationTests.profile, titles: Self.titles, k: 2,
            namer: Self.namer(server.baseURL, sent: sent))
        #expect(result.items == [RerankedItem(item: "m1", reason: nil), RerankedItem(item: "m2", reason: nil)])
        #expect(result.notice?.contains("not a candidate number from 1 to 4") == true)
        #expect(server.bodies.count == 2 && server.bodies[1].contains("candidate 2 is listed twice"))

        let segmentsOnly = await LLMRerank.rerank(
            Self.candidates, profile: ProfileExplanationTests.profile, titles: Self.titles, k: 2,
            namer: Self.namer(server.baseURL, scope: .segments, sent: sent))
        #expect(segmentsOnly.items == result.items)
        #expect(segmentsOnly.notice?.contains("re-ranking needs --llm-scope users") == true)
        #expect(server.bodies.count == 2, "nothing is asked below the users scope")
        await server.stop()
    }

    @Test func aRerankedListKeepsTheHybridsScoresAndCarriesTheModelsReasons() async throws {
        let answer = #"{"ranking": [{"id": 3, "reason": "a heist"}, {"id": 1, "reason": "space"}]}"#
        let server = try await FakeOpenAI(script: [.content(answer)])
        let path = try RepositoryPaths.temporaryFolder().appendingPathComponent("strata.sqlite")
        let (sent, logged) = (Locked([String]()), Locked([String]()))
        let list = Self.candidates.enumerated().map { Recommendation(item: $1, score: Float(4 - $0), reason: nil) }
        let reranked = try await onThread {
            let pipeline = try PipelineNamingTests.pipeline(
                path, llm: LLMConfiguration(baseURL: server.baseURL, model: "fake", scope: .users), sent: sent,
                logged: logged)
            return pipeline.rerank(list, profile: ProfileExplanationTests.profile, titles: Self.titles, k: 3)
        }
        #expect(reranked.list.map(\.item) == ["m3", "m1", "m2"])
        #expect(reranked.list.map(\.score) == [2, 4, 3], "each item keeps its hybrid score")
        #expect(reranked.reasons == ["m3": "a heist", "m1": "space"], "m2 filled up from the hybrid, without a reason")
        await server.stop()
    }
}

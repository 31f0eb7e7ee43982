import Foundation
import StrataCore
import StrataPipeline
import StrataTestSupport
import Testing

@testable import StrataLLM

/// Free text into interests: the model's topics with quoted phrases when they are words of the text, else
/// the embedding's nearest topics with their nearest clauses.
@Suite struct FreeTextInterestsTests {
    static let topics = PipelineNamingTests.topics
    static let text = "Starships and star wars, but also a heist"

    /// A stand-in encoder: how often "star" and "heist" occur.
    static func embed(_ texts: [String]) -> [[Float]] {
        texts.map { text in
            let lower = text.lowercased()
            return [
                Float(lower.components(separatedBy: "star").count - 1),
                Float(lower.components(separatedBy: "heist").count - 1)
            ]
        }
    }

    static func namer(_ url: String, scope: LLMScope = .users) -> LabelNamer {
        var configuration = LLMConfiguration(baseURL: url, model: "fake", scope: scope)
        configuration.backoff = .milliseconds(1)
        return LabelNamer(client: ChatClient(configuration), cache: MemoryAnswerCache())
    }

    @Test func theEmbeddingReadsTheNearestTopicsWithTheirNearestClauses() throws {
        #expect(FreeTextInterests.clauses(Self.text) == ["Starships", "star wars", "also a heist"])
        let interests = try FreeTextInterests.nearest(Self.text, topics: Self.topics, embed: Self.embed)
        #expect(interests.map(\.topic) == [0, 1])
        #expect(interests.map(\.phrase) == ["Starships", "also a heist"])
        #expect(abs((interests[0].score ?? 0) - 2 / Float(5).squareRoot()) < 1e-6)
        #expect(interests.allSatisfy { $0.source == "embedding" })
    }

    @Test func theModelsTopicsComeWithPhrasesOfTheText() async throws {
        let server = try await FakeOpenAI(script: [.content(#"{"interests": [{"topic": 2, "phrase": "a  Heist"}]}"#)])
        let read = try await FreeTextInterests.read(
            Self.text, topics: Self.topics, namer: Self.namer(server.baseURL), embed: Self.embed)
        #expect(read.notice == nil)
        #expect(
            read.interests == [
                TextInterest(topic: 1, label: "Crime: heist, vault", phrase: "a  Heist", score: nil, source: "llm")
            ])
        #expect(server.bodies.count == 1 && server.bodies[0].contains("2. Crime: heist, vault (heist, vault)"))
        await server.stop()
    }

    @Test func inventedPhrasesAndANarrowScopeFallBackToTheEmbedding() async throws {
        let invented = #"{"interests": [{"topic": 1, "phrase": "space operas"}]}"#
        let server = try await FakeOpenAI(script: [.content(invented), .content(invented)])
        let read = try await FreeTextInterests.read(
            Self.text, topics: Self.topics, namer: Self.namer(server.baseURL), embed: Self.embed)
        #expect(read.interests.map(\.source) == ["embedding", "embedding"])
        #expect(read.notice?.contains("the phrase for topic 1 is not words of the text") == true)
        #expect(server.bodies.count == 2)
        let narrow = try await FreeTextInterests.read(
            Self.text, topics: Self.topics, namer: Self.namer(server.baseURL, scope: .segments), embed: Self.embed)
        #expect(narrow.interests == read.interests)
        #expect(narrow.notice?.contains("reading free text needs --llm-scope users") == true)
        #expect(server.bodies.count == 2, "nothing is sent below the users scope")
        await server.stop()
    }
}

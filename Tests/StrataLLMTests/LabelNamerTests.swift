import Foundation
import StrataTestSupport
import Testing

@testable import StrataLLM

/// The client and the namer against a fake endpoint on loopback: caching, retries, validation, fallback.
@Suite struct LabelNamerTests {
    static let space = LabelEvidence(
        kind: .topic, keywords: ["starship", "galaxy", "alien"], titles: ["Star Voyage", "Moon Base"])
    static let heist = LabelEvidence(kind: .topic, keywords: ["heist", "vault", "robbery"], titles: ["The Bank Job"])
    static let crime = LabelEvidence(kind: .segment, keywords: ["detective", "murder"], titles: ["Night Case"])

    static func namer(_ server: FakeOpenAI, cache: any AnswerCache = MemoryAnswerCache()) -> LabelNamer {
        namer(url: server.baseURL, cache: cache)
    }

    static func namer(url: String, cache: any AnswerCache = MemoryAnswerCache()) -> LabelNamer {
        var configuration = LLMConfiguration(baseURL: url, model: "fake")
        configuration.backoff = .milliseconds(1)
        // A guard against a hung fake, not a speed check: under a full test run on 2 busy cores an answer
        // from loopback has taken longer than 5 s.
        configuration.timeout = .seconds(120)
        return LabelNamer(client: ChatClient(configuration), cache: cache)
    }

    /// Nothing listens on port 1 of the loopback address: connections are refused at once.
    static let closedEndpoint = "http://127.0.0.1:1/v1"

    @Test func namesAreAskedForOnceThenReadFromTheCache() async throws {
        let server = try await FakeOpenAI()
        let cache = MemoryAnswerCache()
        let first = await Self.namer(server, cache: cache).names([Self.space, Self.heist, Self.crime])
        #expect(first.names == ["Starship picks", "Heist picks", "Detective picks"])
        #expect(first.problems.isEmpty)
        #expect(server.bodies.count == 3)
        let again = Self.namer(server, cache: cache)
        let second = await again.names([Self.space, Self.heist, Self.crime])
        #expect(second.names == first.names)
        #expect(server.bodies.count == 3, "a second run on unchanged evidence sends nothing")
        #expect(again.client.usage.current.cached == 3 && again.client.usage.current.requests == 0)
        await server.stop()
    }

    @Test func theRequestAsksForJSONBySchemaAndCountsTokens() async throws {
        let server = try await FakeOpenAI()
        let namer = Self.namer(server)
        _ = await namer.names([Self.space])
        let body = try #require(
            server.bodies.first.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        let format = try #require(body["response_format"] as? [String: Any])
        #expect(format["type"] as? String == "json_schema")
        let schema = try #require((format["json_schema"] as? [String: Any])?["schema"] as? [String: Any])
        #expect(schema["required"] as? [String] == ["name"])
        #expect(body["model"] as? String == "fake")
        let usage = namer.client.usage.current
        #expect(usage.requests == 1 && usage.promptTokens == 40 && usage.completionTokens == 6)
        await server.stop()
    }

    @Test func tooManyRequestsAndServerErrorsAreRetried() async throws {
        let server = try await FakeOpenAI(script: [.status(429), .status(503)])
        let namer = Self.namer(server)
        let result = await namer.names([Self.space])
        #expect(result.names == ["Starship picks"])
        #expect(server.bodies.count == 3)
        #expect(namer.client.usage.current.retries == 2)
        await server.stop()
    }

    @Test func aClientErrorIsNotRetriedAndKeepsTheKeywordLabel() async throws {
        let server = try await FakeOpenAI(script: [.status(400)])
        let result = await Self.namer(server).names([Self.space])
        #expect(result.names == [nil])
        #expect(result.problems.count == 1 && result.problems[0].contains("HTTP 400"))
        #expect(server.bodies.count == 1)
        await server.stop()
    }

    @Test func anInvalidAnswerIsAskedForOnceMoreThenGivenUp() async throws {
        let server = try await FakeOpenAI(script: [.content("not json"), .content(#"{"title": "Space"}"#)])
        let cache = MemoryAnswerCache()
        let result = await Self.namer(server, cache: cache).names([Self.space])
        #expect(result.names == [nil])
        try #require(server.bodies.count == 2)
        #expect(server.bodies[1].contains("Your previous answer was rejected"), "the second request says why")
        let again = await Self.namer(server, cache: cache).names([Self.space])
        #expect(again.names == [nil] && again.problems.first?.contains("rejected before") == true)
        #expect(server.bodies.count == 2, "the rejection is remembered: a second run asks nothing")
        let recovered = try await FakeOpenAI(script: [.content("not json")])
        #expect(await Self.namer(recovered).names([Self.space]).names == ["Starship picks"])
        await server.stop()
        await recovered.stop()
    }

    @Test func anUnreachableEndpointIsNotAskedAgainForEveryName() async throws {
        let namer = Self.namer(url: Self.closedEndpoint)
        let result = await namer.names([Self.space, Self.heist, Self.crime, Self.space, Self.heist])
        #expect(result.names.allSatisfy { $0 == nil })
        #expect(result.problems.count == 5)
        #expect(namer.client.usage.current.requests <= 2, "only the requests already in flight when it failed")
    }

    @Test func answersAreValidated() throws {
        #expect(
            try LabelNamer.validate(#"{"name": " Galactic adventures "}"#, evidence: Self.space)
                == "Galactic adventures",
            "a stem shared with the evidence (gala…) grounds it")
        #expect(throws: NamingError.self) { try LabelNamer.validate(#"{"name": "Cooking"}"#, evidence: Self.space) }
        #expect(throws: NamingError.self) {
            try LabelNamer.validate(#"{"name": "Starship 2049"}"#, evidence: Self.space)
        }
        #expect(throws: NamingError.self) {
            try LabelNamer.validate(#"{"name": "Starship \"Dune\" fans"}"#, evidence: Self.space)
        }
        #expect(throws: NamingError.self) { try LabelNamer.validate(#"{"name": "星际飞船"}"#, evidence: Self.space) }
        #expect(throws: NamingError.self) {
            try LabelNamer.validate(
                #"{"name": "Starship and galaxy and alien and more words than a name has"}"#, evidence: Self.space)
        }
        let chinese = LabelEvidence(kind: .topic, keywords: ["科幻", "太空"], titles: ["星际穿越"])
        #expect(try LabelNamer.validate(#"{"name": "科幻太空电影"}"#, evidence: chinese) == "科幻太空电影")
        #expect(throws: NamingError.self) {
            try LabelNamer.validate(#"{"name": "Science fiction"}"#, evidence: chinese)
        }
    }
}

import Foundation
import StrataCore
import StrataPipeline
import StrataTestSupport
import Testing

@testable import StrataLLM

/// Per-layer explanations of a profile: grounded in the user's items, cached, never carrying the user's
/// id, and falling back to the template with one notice.
@Suite struct ProfileExplanationTests {
    static let titles = ["m1": "Star Voyage", "m2": "Moon Base", "m3": "The Bank Job", "m4": "Vault Break"]

    /// A profile whose user id must never leave the process.
    static let profile = UserProfile(
        user: "user-4711",
        surface: InterestLayer(
            interests: [Interest(label: "Sci-Fi: starship, galaxy", weight: 1, evidence: ["m2", "m1"], topic: 0)],
            vector: []),
        middle: InterestLayer(
            interests: [
                Interest(label: "Sci-Fi: starship, galaxy", weight: 0.6, evidence: ["m1", "m2"], topic: 0),
                Interest(label: "Crime: heist, vault", weight: 0.4, evidence: ["m3"], topic: 1)
            ], vector: []),
        deep: InterestLayer(interests: [], vector: []), referenceTime: 0, eventCount: 4)

    static let surfaceAnswer = #"{"explanation": "Lately you have been drawn to starship stories like Moon Base."}"#
    static let middleAnswer = #"{"explanation": "These weeks it is starship adventures and heist films."}"#

    static func namer(_ url: String, scope: LLMScope, sent: Locked<[String]>, cache: any AnswerCache) -> LabelNamer {
        var configuration = LLMConfiguration(baseURL: url, model: "fake", scope: scope)
        configuration.backoff = .milliseconds(1)
        return LabelNamer(
            client: ChatClient(configuration, observe: { body in sent.withLock { $0.append(body) } }), cache: cache)
    }

    @Test func layersAreExplainedOnceThenReadFromTheCacheAndNoPromptCarriesTheUserID() async throws {
        let server = try await FakeOpenAI(script: [.content(Self.surfaceAnswer), .content(Self.middleAnswer)])
        let sent = Locked([String]())
        let cache = MemoryAnswerCache()
        let first = await ProfileExplanations.explain(
            Self.profile, titles: Self.titles,
            namer: Self.namer(server.baseURL, scope: .users, sent: sent, cache: cache))
        #expect(first.notice == nil)
        #expect(
            first.explanations[.surface]
                == LayerExplanation(
                    text: "Lately you have been drawn to starship stories like Moon Base.", generated: true))
        #expect(first.explanations[.middle]?.text == "These weeks it is starship adventures and heist films.")
        #expect(
            first.explanations[.deep] == LayerExplanation(text: "Long-standing interests: none yet.", generated: false),
            "an empty layer is not asked about")
        #expect(server.bodies.count == 2)

        let second = await ProfileExplanations.explain(
            Self.profile, titles: Self.titles,
            namer: Self.namer(server.baseURL, scope: .users, sent: sent, cache: cache))
        #expect(second.explanations == first.explanations)
        #expect(server.bodies.count == 2, "a second run on an unchanged profile sends nothing")

        #expect(sent.current.count == 2)
        for body in sent.current {
            #expect(!body.contains("user-4711"), "a prompt carries the user id")
        }
        #expect(sent.current[0].contains("Moon Base") && sent.current[0].contains("Sci-Fi: starship, galaxy"))
        #expect(sent.current[1].contains("The Bank Job"), "the middle layer's prompt carries its own items")
        await server.stop()
    }

    @Test func anAnswerRejectedTwiceGetsTheTemplateAndOneNotice() async throws {
        let invented = #"{"explanation": "You loved \"Alien Planet\" and starship films."}"#
        let server = try await FakeOpenAI(
            script: [
                .content(invented), .content(#"{"explanation": "Starship films, 3 of them."}"#),
                .content(Self.middleAnswer)
            ])
        let sent = Locked([String]())
        let result = await ProfileExplanations.explain(
            Self.profile, titles: Self.titles,
            namer: Self.namer(server.baseURL, scope: .users, sent: sent, cache: MemoryAnswerCache()))
        #expect(
            result.explanations[.surface]
                == LayerExplanation(
                    text:
                        "Recent interactions — Sci-Fi: starship, galaxy (as in \u{201C}Moon Base\u{201D}, \u{201C}Star Voyage\u{201D}).",
                    generated: false))
        #expect(result.explanations[.middle]?.generated == true)
        #expect(result.notice?.contains("did not explain 1 of 3 layers") == true)
        #expect(result.notice?.contains("says \"3\"") == true, "the notice gives the second rejection's reason")
        #expect(server.bodies.count == 3)
        #expect(server.bodies[1].contains("Your previous answer was rejected"), "the retry says why")
        await server.stop()
    }

    @Test func withoutTheUsersScopeNothingIsAskedAndTheNoticeSaysSo() async throws {
        let server = try await FakeOpenAI()
        let sent = Locked([String]())
        let result = await ProfileExplanations.explain(
            Self.profile, titles: Self.titles,
            namer: Self.namer(server.baseURL, scope: .segments, sent: sent, cache: MemoryAnswerCache()))
        #expect(server.bodies.isEmpty)
        #expect(result.notice?.contains("explaining a user needs --llm-scope users") == true)
        #expect(result.explanations.values.allSatisfy { !$0.generated })
        let none = await ProfileExplanations.explain(Self.profile, titles: Self.titles, namer: nil)
        #expect(none.explanations == result.explanations)
        #expect(none.notice?.contains("no LLM endpoint configured") == true)
        await server.stop()
    }

    @Test func validationChecksLengthSentencesLanguageAndGrounding() throws {
        let evidence = LayerEvidence(
            layer: "middle", interests: ["Comedy: spoof"], titles: ["Airplane! (1980)", "Dr. Strangelove (1964)"])
        #expect(
            try ProfileExplainer.validate(
                #"{"explanation": "Spoof comedy such as Dr. Strangelove (1964) and Airplane! (1980)."}"#,
                evidence: evidence) == "Spoof comedy such as Dr. Strangelove (1964) and Airplane! (1980).",
            "the dots and years of item titles are fine")
        #expect(throws: NamingError.self) {
            try ProfileExplainer.validate(#"{"explanation": "Comedy. Spoof. Comedy again."}"#, evidence: evidence)
        }
        #expect(throws: NamingError.self) {
            try ProfileExplainer.validate(#"{"explanation": "Spoof comedy from 1999."}"#, evidence: evidence)
        }
        #expect(throws: NamingError.self) {
            try ProfileExplainer.validate(#"{"explanation": "喜剧电影和恶搞片。"}"#, evidence: evidence)
        }
        #expect(throws: NamingError.self) {
            try ProfileExplainer.validate(#"{"explanation": "Gardening and cooking."}"#, evidence: evidence)
        }
        #expect(throws: NamingError.self) { try ProfileExplainer.validate(#"{"name": "Spoof"}"#, evidence: evidence) }
    }
}

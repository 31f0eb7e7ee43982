import ArgumentParser
import Testing

@testable import strata

/// Every command's option checks, parsed in-process through the root command as `strata` parses its
/// arguments, with the message the user would read. Nothing here touches a store, so nothing is spawned.
@Suite struct ArgumentValidationTests {
    /// A command line and a part of the message it must be refused with.
    struct Refusal: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let refusals: [Refusal] = [
        Refusal(
            arguments: ["segment", "--k", "1"], message: "--k: expected auto or a whole number of at least 2, found '1'"
        ),
        Refusal(arguments: ["segment", "--layer", "top"], message: "'top'"),
        Refusal(arguments: ["serve", "--port", "70000"], message: "--port must be in 0...65535"),
        Refusal(arguments: ["serve", "--max-batch", "0"], message: "--max-body-bytes and --max-batch must be positive"),
        Refusal(arguments: ["serve", "--min-group-size", "0"], message: "--min-group-size must be 1 or more"),
        Refusal(arguments: ["serve", "--rate-limit", "0"], message: "--rate-limit must be a positive number"),
        Refusal(arguments: ["serve", "--answer-cache-size=-1"], message: "--answer-cache-size must be 0 or more"),
        Refusal(arguments: ["embed"], message: "give exactly one of --text, --input or --db"),
        Refusal(arguments: ["embed", "--text", "a", "--db", "s.sqlite"], message: "give exactly one of --text"),
        Refusal(arguments: ["embed", "--input", "texts.txt"], message: "--input needs --output FILE.jsonl"),
        Refusal(arguments: ["profile"], message: "give one of --user ID, --all or --all-users"),
        Refusal(
            arguments: ["profile", "--user", "u1", "--all"], message: "give one of --user ID, --all or --all-users"),
        Refusal(arguments: ["profile", "--user", "u1", "--output", "p.jsonl"], message: "--output writes --all-users"),
        Refusal(arguments: ["profile", "--all-users", "--explain"], message: "--explain explains one --user"),
        Refusal(
            arguments: ["recommend", "--all-users", "--tune-budget", "0"], message: "--tune-budget must be above 0"),
        Refusal(arguments: ["evaluate", "--tune-budget=-5"], message: "--tune-budget must be above 0"),
        Refusal(arguments: ["evaluate", "--candidates", "some"], message: "'some'"),
        Refusal(arguments: ["sample", "generate", "--users", "0"], message: "--users must be at least 1, got 0"),
        Refusal(
            arguments: ["sample", "generate", "--categories", "5"],
            message: "--categories only applies to a shop-shaped log: add --items and/or --events"),
        Refusal(
            arguments: ["topics", "--llm-concurrency", "0"], message: "--llm-concurrency: expected at least 1, found 0"),
        Refusal(arguments: ["recommend", "--user", "u1", "--exclude-seen", "sometimes"], message: "purchased"),
        Refusal(arguments: ["recommend", "--user", "u1", "--calibration", "1.5"], message: "--calibration")
    ]

    @Test(arguments: refusals)
    func isRefusedWithAMessageNamingTheOption(_ refusal: Refusal) {
        do {
            let command = try Strata.parseAsRoot(refusal.arguments)
            Issue.record("parsed as \(type(of: command)); expected a refusal containing \(refusal.message)")
        } catch {
            let message = Strata.message(for: error)
            #expect(message.contains(refusal.message), "got: \(message)")
            #expect(Strata.exitCode(for: error) != .success)
        }
    }

    @Test func validLinesParseIntoTheirCommandsWithTheGivenValues() throws {
        let segment = try #require(
            try Strata.parseAsRoot(["segment", "--k", "4", "--layer", "surface"]) as? SegmentCommand)
        #expect(segment.k == "4" && segment.layer == .surface)
        let serve = try #require(try Strata.parseAsRoot(["serve", "--port", "0", "--rate-limit", "2.5"]) as? Serve)
        #expect(serve.port == 0 && serve.rateLimit == 2.5)
        let profile = try #require(try Strata.parseAsRoot(["profile", "--all"]) as? Profile)
        #expect(profile.all && profile.user == nil)
    }
}

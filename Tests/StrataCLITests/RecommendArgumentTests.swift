import Testing

@testable import strata

/// `strata recommend`'s arguments, parsed and validated in-process: what is refused, with the message a user sees.
@Suite struct RecommendArgumentTests {
    /// The message `strata recommend ARGUMENTS` prints when it refuses them; `nil` when they parse.
    static func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try Recommend.parse(arguments)
            return nil
        } catch {
            return Recommend.message(for: error)
        }
    }

    @Test func calibrationIsATradeOffFromZeroToOne() throws {
        let parsed = try Recommend.parse(["--user", "u1", "--calibration", "0.3"])
        #expect(parsed.calibration == 0.3)
        #expect(try Recommend.parse(["--user", "u1"]).calibration == nil, "the tuned value stays unless asked")
        #expect(Self.refusal(["--user", "u1", "--calibration", "1.5"]) == "--calibration must be from 0 to 1, got 1.5")
        #expect(Self.refusal(["--user", "u1", "--calibration=-0.1"]) == "--calibration must be from 0 to 1, got -0.1")
        // Written apart, a negative number reads as an option (swift-argument-parser): refused before validation.
        #expect(
            Self.refusal(["--user", "u1", "--calibration", "-0.1"]) == "Missing value for '--calibration <calibration>'"
        )
    }

    @Test func exactlyOneKindOfRequest() {
        let oneKind = "give one of --user ID, --text TEXT, --all-users or --attribute KEY=VALUE"
        #expect(Self.refusal(["--user", "u1", "--all-users"]) == oneKind)
        #expect(Self.refusal([]) == oneKind)
        #expect(Self.refusal(["--all-users", "-k", "0"]) == "-k must be from 1 to 1000, got 0")
    }
}

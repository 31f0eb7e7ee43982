import Testing

@testable import strata

/// `strata recommend`'s arguments, parsed and validated in-process.
@Suite struct RecommendArgumentTests {
    @Test func calibrationIsATradeOffFromZeroToOne() throws {
        let parsed = try Recommend.parse(["--user", "u1", "--calibration", "0.3"])
        #expect(parsed.calibration == 0.3)
        #expect(try Recommend.parse(["--user", "u1"]).calibration == nil, "the tuned value stays unless asked")
        #expect(throws: (any Error).self) { try Recommend.parse(["--user", "u1", "--calibration", "1.5"]) }
        #expect(throws: (any Error).self) { try Recommend.parse(["--user", "u1", "--calibration", "-0.1"]) }
    }

    @Test func exactlyOneKindOfRequest() {
        #expect(throws: (any Error).self) { try Recommend.parse(["--user", "u1", "--all-users"]) }
        #expect(throws: (any Error).self) { try Recommend.parse([]) }
        #expect(throws: (any Error).self) { try Recommend.parse(["--all-users", "-k", "0"]) }
    }
}

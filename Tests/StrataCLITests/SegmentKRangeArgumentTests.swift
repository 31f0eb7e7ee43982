import ArgumentParser
import Testing

@testable import strata

/// `strata segment --k-range`: parsed into a range, and refused with a message naming it when malformed or
/// given with a fixed `--k` (a range no store can meet is refused by the fit: SegmentCommandTests).
@Suite struct SegmentKRangeArgumentTests {
    @Test func aRangeParses() throws {
        let command = try #require(try Strata.parseAsRoot(["segment", "--k-range", "8-25"]) as? SegmentCommand)
        #expect(try SegmentCommand.range(#require(command.kRange)) == 8 ... 25)
        #expect(try Strata.parseAsRoot(["segment", "--k", "auto", "--k-range", "5-5"]) is SegmentCommand)
    }

    @Test(arguments: [
        (
            ["--k-range", "1-10"],
            "--k-range: expected LOW-HIGH with whole numbers 2 ≤ LOW ≤ HIGH, such as 5-40, found '1-10'"
        ),
        (["--k-range", "40-5"], "found '40-5'"),
        (["--k-range", "12"], "found '12'"),
        (["--k-range", "a-b"], "found 'a-b'"),
        (["--k", "6", "--k-range", "5-40"], "--k 6 fixes the number of segments; --k-range is for --k auto")
    ])
    func malformedRangesAreRefused(arguments: [String], message: String) {
        do {
            let command = try Strata.parseAsRoot(["segment"] + arguments)
            Issue.record("parsed as \(type(of: command)); expected a refusal containing \(message)")
        } catch {
            #expect(Strata.message(for: error).contains(message), "got: \(Strata.message(for: error))")
            #expect(Strata.exitCode(for: error) != .success)
        }
    }
}

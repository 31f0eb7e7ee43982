import StrataCore
import Testing

/// Kept fits are found again by these hashes, so they must be FNV-1a exactly (reference values from the
/// FNV authors' test suite) and agree between texts and words.
struct FNV1aTests {
    @Test(arguments: [("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8")])
    func textsHashToTheReferenceValues(text: String, expected: String) {
        #expect(TextHash.of(text) == expected)
    }

    @Test func aTextIsItsBytesMixedAsWords() {
        var words = FNV1a()
        for byte in "foobar".utf8 { words.mix(UInt64(byte)) }
        #expect(words.hex == "85944171f73967e8")
    }
}

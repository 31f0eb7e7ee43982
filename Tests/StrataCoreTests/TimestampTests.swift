import StrataCore
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("964982703", Int64(964_982_703)),
        ("964982703.75", 964_982_703),
        ("0", 0),
        ("1970-01-02", 86_400),
        ("2024-03-01T12:30:00Z", 1_709_296_200),
        ("2024-03-01 12:30:00", 1_709_296_200),
        ("2024-03-01T12:30:00.123Z", 1_709_296_200),
        ("2024-03-01T14:30:00+02:00", 1_709_296_200),
        ("2024-03-01T07:30-0500", 1_709_296_200),
        ("2000-02-29T00:00:00Z", 951_782_400)
    ])
    func parsesSecondsAndISO8601(text: String, seconds: Int64) {
        #expect(Timestamp.parse(text) == seconds)
    }

    @Test(arguments: [
        "", "yesterday", "2023-02-29", "2024-13-01", "2024-03-01T25:00:00Z", "12a", "2024-03-01T12:30:00Q"
    ])
    func rejectsWhatIsNeither(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func formatsAsISO8601UTC() {
        #expect(Timestamp.iso8601(1_709_296_200) == "2024-03-01T12:30:00Z")
        #expect(Timestamp.iso8601(-1) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.parse(Timestamp.iso8601(1_234_567_890)) == 1_234_567_890)
    }
}

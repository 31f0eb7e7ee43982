import StrataCore
import Testing

@Suite struct CSVLineTests {
    @Test func quotesOnlyWhatMustBeQuoted() {
        #expect(
            CSVLine.format(["a", "b c", "d,e", #"say "hi""#, "two\nlines", ""])
                == "a,b c,\"d,e\",\"say \"\"hi\"\"\",\"two\nlines\",\n")
    }
}

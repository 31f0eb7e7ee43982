import Foundation
import Testing

@testable import StrataImport

@Suite struct DelimitedReaderTests {
    private func records(
        _ bytes: [UInt8], delimiter: Character = ",", quoting: Bool = true,
        encoding: TextEncoding = .utf8
    ) throws -> [DelimitedRecord] {
        let fixtures = try Fixtures(.sqlite)
        let url = try fixtures.file("data.txt", Data(bytes))
        var reader = try DelimitedReader(url: url, delimiter: delimiter, quoting: quoting, encoding: encoding)
        var all: [DelimitedRecord] = []
        while let record = try reader.next() { all.append(record) }
        return all
    }

    private func records(_ text: String) throws -> [DelimitedRecord] { try records(Array(text.utf8)) }

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let all = try records("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",,end\r\nlast,row,x")
        #expect(all.map(\.fields) == [["a", "b,c", "say \"hi\""], ["two\r\nlines", "", "end"], ["last", "row", "x"]])
        #expect(all.map(\.line) == [1, 2, 4])
        #expect(String(decoding: all[0].raw, as: UTF8.self) == "a,\"b,c\",\"say \"\"hi\"\"\"")
    }

    @Test func blankLinesAreSkippedAndLineNumbersKept() throws {
        let all = try records("h1,h2\n\n1,2\r\n\r\n3,4\n")
        #expect(all.map(\.fields) == [["h1", "h2"], ["1", "2"], ["3", "4"]])
        #expect(all.map(\.line) == [1, 3, 5])
    }

    @Test func invalidUTF8IsReportedByField() throws {
        let all = try records(Array("ok,".utf8) + [0xC3, 0x28] + Array(",x\n".utf8))
        #expect(all[0].invalidField == 1)
        #expect(all[0].fields[0] == "ok")
    }

    @Test func latin1DecodesEveryByte() throws {
        let all = try records(
            [0x31, 0x7C] + Array("Se".utf8) + [0xF1] + Array("or|x".utf8), delimiter: "|", quoting: false,
            encoding: .latin1)
        #expect(all[0].fields == ["1", "Señor", "x"])
        #expect(all[0].invalidField == nil)
    }

    @Test func unquotedModeKeepsQuotes() throws {
        let all = try records(Array("1\t\"a\"\t3\n".utf8), delimiter: "\t", quoting: false)
        #expect(all[0].fields == ["1", "\"a\"", "3"])
    }

    @Test func recordsSpanChunkBoundaries() throws {
        let row = "user,\"item, with comma\",view,1700000000\n"
        let text = String(repeating: row, count: 60_000)  // ~2.4 MB: spans several 1 MiB chunks
        let all = try records(text)
        #expect(all.count == 60_000)
        #expect(all.allSatisfy { $0.fields == ["user", "item, with comma", "view", "1700000000"] })
        #expect(all.last?.line == 60_000)
    }
}

import Foundation
import StrataTestSupport
import Testing

/// `strata embed` run as a user runs it: the built binary in a child process.
@Suite struct EmbedCommandTests {
    @Test func textPrintsTheReferenceVectorAsAJSONArray() async throws {
        let reference = MiniLMReferenceCase.all[0]
        let run = try await RepositoryPaths.runStrata(["embed", "--text", reference.text])
        #expect(run.status == 0, "\(run.error)")
        let vector = try JSONDecoder().decode([Float].self, from: Data(run.output.utf8))
        #expect(vector.count == 384)
        #expect(zip(vector, reference.embedding).reduce(Float(0)) { $0 + $1.0 * $1.1 } >= 0.9999)
    }

    /// e5 embeds its input as given; `--prefix query` puts "query: " in front.
    @Test func theMultilingualModelIsNamedAndItsPrefixIsOptIn() async throws {
        let reference = E5ReferenceCase.vectors[0]
        let query = try #require(reference.text.split(separator: " ", maxSplits: 1).last.map(String.init))
        #expect(reference.text == "query: " + query)
        let prefixed = try await RepositoryPaths.runStrata([
            "embed", "--model", "multilingual-e5-small", "--prefix", "query", "--text", query
        ])
        let asGiven = try await RepositoryPaths.runStrata(["embed", "--model", "multilingual-e5-small", "--text", query]
        )
        #expect(prefixed.status == 0 && asGiven.status == 0, "\(prefixed.error)\(asGiven.error)")
        let withPrefix = try JSONDecoder().decode([Float].self, from: Data(prefixed.output.utf8))
        let without = try JSONDecoder().decode([Float].self, from: Data(asGiven.output.utf8))
        let exact = try #require(reference.floatEmbedding)
        #expect(zip(withPrefix, exact).reduce(Float(0)) { $0 + $1.0 * $1.1 } >= 0.99999)
        #expect(zip(without, exact).reduce(Float(0)) { $0 + $1.0 * $1.1 } < 0.999)
    }

    @Test func invalidUTF8IsReportedWithFileAndLine() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("texts.txt")
        try Data("无线耳机\nok\n".utf8 + [0x66, 0xE6, 0x97, 0x0A] + Array("last\n".utf8)).write(to: input)
        let run = try await RepositoryPaths.runStrata([
            "embed", "--input", input.path, "--output", folder.appendingPathComponent("v.jsonl").path
        ])
        #expect(run.status != 0)
        #expect(run.error.contains("\(input.path):3: not valid UTF-8"), "\(run.error)")
    }

    @Test func jsonlInputKeepsIdsAndOrder() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases = Array(MiniLMReferenceCase.all.prefix(3))
        let input = folder.appendingPathComponent("texts.jsonl")
        let output = folder.appendingPathComponent("vectors.jsonl")
        let lines = [
            #"{"id": "first", "text": \#(String(decoding: try JSONEncoder().encode(cases[0].text), as: UTF8.self))}"#,
            #"{"id": 7, "text": \#(String(decoding: try JSONEncoder().encode(cases[1].text), as: UTF8.self))}"#,
            "",
            #"{"id": "x\"y", "text": \#(String(decoding: try JSONEncoder().encode(cases[2].text), as: UTF8.self))}"#
        ]
        try lines.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
        let run = try await RepositoryPaths.runStrata(["embed", "--input", input.path, "--output", output.path])
        #expect(run.status == 0, "\(run.error)")

        struct Line: Decodable { let embedding: [Float] }
        let written = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        #expect(written.count == 3)
        #expect(
            written[0].hasPrefix(#"{"id":"first","#) && written[1].hasPrefix(#"{"id":7,"#)
                && written[2].hasPrefix(#"{"id":"x\"y","#))
        for (line, reference) in zip(written, cases) {
            let vector = try JSONDecoder().decode(Line.self, from: Data(line.utf8)).embedding
            #expect(zip(vector, reference.embedding).reduce(Float(0)) { $0 + $1.0 * $1.1 } >= 0.9999, "\(reference.id)")
        }
    }

    @Test func plainTextLinesAreNumberedFromOne() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("texts.txt")
        let output = folder.appendingPathComponent("vectors.jsonl")
        try "space opera\r\nheist film\n".write(to: input, atomically: true, encoding: .utf8)
        let run = try await RepositoryPaths.runStrata(["embed", "--input", input.path, "--output", output.path])
        #expect(run.status == 0, "\(run.error)")
        let written = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        #expect(written.map { $0.prefix(8) } == [#"{"id":1,"#, #"{"id":2,"#])
    }

    @Test func aBadLineNamesFileLineAndFieldAndWritesNothing() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("texts.jsonl")
        let output = folder.appendingPathComponent("vectors.jsonl")
        try "{\"id\": 1, \"text\": \"ok\"}\n{\"id\": 2, \"txt\": \"typo\"}\n".write(
            to: input, atomically: true, encoding: .utf8)
        let run = try await RepositoryPaths.runStrata(["embed", "--input", input.path, "--output", output.path])
        #expect(run.status != 0)
        #expect(run.error.contains("\(input.path):2") && run.error.contains("\"text\""))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func aMissingModelFolderSaysHowToInstallIt() async throws {
        let run = try await RepositoryPaths.runStrata(
            ["embed", "--text", "hi"], environment: ["STRATA_MODEL_DIR": "/nonexistent/model"])
        #expect(run.status != 0)
        #expect(run.error.contains("/nonexistent/model") && run.error.contains("scripts/setup"))
    }
}

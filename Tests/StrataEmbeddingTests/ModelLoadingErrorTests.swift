import Foundation
import StrataTestSupport
import Testing

@testable import StrataEmbedding

/// Broken model folders, made by the tests, give clear errors instead of crashes.
@Suite struct ModelLoadingErrorTests {
    /// A temporary model folder whose files link to the real MiniLM ones, each replaceable by `replace`.
    final class ModelFolder {
        let url: URL
        init() throws {
            url = try RepositoryPaths.temporaryFolder()
            for name in try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.miniLM.path) {
                try FileManager.default.createSymbolicLink(
                    at: url.appendingPathComponent(name),
                    withDestinationURL: RepositoryPaths.miniLM.appendingPathComponent(name))
            }
        }
        func file(_ name: String) -> URL { url.appendingPathComponent(name) }
        /// Swaps the link for a real file (writing through the link would damage the installed model).
        func replace(_ name: String, with data: Data) throws {
            try FileManager.default.removeItem(at: file(name))
            try data.write(to: file(name))
        }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    @Test func missingFolderTellsHowToInstallTheModel() throws {
        let path = "/nonexistent/strata-model"
        let error = #expect(throws: ModelError.self) {
            try BertSentenceEmbedder(modelDirectory: URL(fileURLWithPath: path))
        }
        let message = try #require(error).description
        #expect(message.contains(path) && message.contains("scripts/setup") && message.contains("STRATA_MODEL_DIR"))
    }

    @Test func truncatedWeightsAreReportedNotCrashedOn() throws {
        let folder = try ModelFolder()
        let data = try Data(contentsOf: folder.file("model.safetensors"))
        try folder.replace("model.safetensors", with: data.prefix(data.count / 2))
        let error = #expect(throws: ModelError.self) { try BertEncoder(modelDirectory: folder.url) }
        #expect(error?.description.contains("truncated") == true)
    }

    @Test(arguments: [
        (Data([1, 2, 3]), "shorter than the 8-byte header length"),
        (Data([255, 0, 0, 0, 0, 0, 0, 0]) + Data("{}".utf8), "header claims 255 bytes"),
        (Data([4, 0, 0, 0, 0, 0, 0, 0]) + Data("nope".utf8), "not valid JSON"),
        (Data([2, 0, 0, 0, 0, 0, 0, 0]) + Data("{}".utf8), "no tensor named embeddings.word_embeddings.weight")
    ])
    func corruptHeadersAreClearErrors(bytes: Data, expected: String) throws {
        let folder = try ModelFolder()
        try folder.replace("model.safetensors", with: bytes)
        let error = #expect(throws: ModelError.self) { try BertEncoder(modelDirectory: folder.url) }
        let message = error?.description ?? ""
        #expect(message.contains(expected), "\(message)")
    }

    @Test func configWithAMissingFieldNamesIt() throws {
        let folder = try ModelFolder()
        var json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("config.json"))) as! [String: Any]
        json["num_attention_heads"] = nil
        try folder.replace("config.json", with: JSONSerialization.data(withJSONObject: json))
        #expect(
            throws: ModelError.invalidConfiguration(
                folder.file("config.json").path, field: "num_attention_heads", expected: "a positive integer")
        ) {
            try BertEncoder(modelDirectory: folder.url)
        }
    }

    @Test func halfPrecisionWeightsLoadAndAgree() throws {
        // Rewrite the F32 weights as F16 and check the vectors stay close to the F32 ones.
        let folder = try ModelFolder()
        let original = try SafeTensors(contentsOf: folder.file("model.safetensors"))
        var header: [String: Any] = [:]
        var halves = [UInt16]()
        for name in original.entries.keys.sorted() where original.entries[name]!.dtype == "F32" {
            let start = 2 * halves.count
            halves += try original.floats(name).map { Float16($0).bitPattern.littleEndian }
            header[name] = [
                "dtype": "F16", "shape": original.entries[name]!.shape, "data_offsets": [start, 2 * halves.count]
            ]
        }
        let headerData = try JSONSerialization.data(withJSONObject: header)
        let length = withUnsafeBytes(of: UInt64(headerData.count).littleEndian) { Data($0) }
        try folder.replace("model.safetensors", with: length + headerData + halves.withUnsafeBytes { Data($0) })

        let half = try BertSentenceEmbedder(modelDirectory: folder.url)
        let text = MiniLMReferenceCase.all[0]
        let cosine = zip(half.embed(text.text), text.embedding).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        #expect(cosine > 0.999)
    }
}

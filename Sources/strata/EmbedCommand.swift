import ArgumentParser
import Foundation
import StrataEmbedding
import StrataMath

/// `strata embed`: sentence vectors for one text or a whole file.
struct Embed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Embed text with the in-process sentence encoder.",
        discussion: """
            --text prints one vector as a JSON array. --input reads JSONL lines {"id": …, "text": …} \
            (or plain text, one per line, ids = line numbers from 1) and --output writes \
            {"id": …, "embedding": […]} lines.
            """)

    @OptionGroup var modelOptions: ModelOptions
    @Option(help: "A text to embed; prints its vector as a JSON array.") var text: String?
    @Option(help: "A JSONL or plain-text file of texts.") var input: String?
    @Option(help: "Where to write the JSONL vectors (required with --input).") var output: String?

    func validate() throws {
        guard (text == nil) != (input == nil) else { throw ValidationError("give exactly one of --text or --input") }
        if input != nil && output == nil { throw ValidationError("--input needs --output FILE.jsonl") }
    }

    func run() throws {
        let embedder = try modelOptions.embedder()
        if let text {
            print(EmbeddingFile.jsonArray(embedder.embed(text)))
            return
        }
        guard let input, let output else { return }
        let records = try EmbeddingFile.readTexts(path: input)
        let bar = ProgressBar("embedding", total: records.count)
        let vectors = embedder.embed(records.map(\.text)) { bar.update($0) }
        bar.finish()
        try EmbeddingFile.write(ids: records.map(\.id), vectors: vectors, to: output)
        let message = "embedded \(records.count) texts with \(embedder.modelID) into \(output)\n"
        FileHandle.standardError.write(Data(message.utf8))
    }
}

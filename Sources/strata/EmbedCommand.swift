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
            {"id": …, "embedding": […]} lines. --db embeds every catalog item whose vector is missing or \
            was computed from a different text.
            """)

    @OptionGroup var modelOptions: ModelOptions
    @Option(help: "A text to embed; prints its vector as a JSON array.") var text: String?
    @Option(help: "A JSONL or plain-text file of texts.") var input: String?
    @Option(help: "Where to write the JSONL vectors (required with --input).") var output: String?
    @Option(help: "A store whose items to embed.") var db: String?

    func validate() throws {
        guard [text != nil, input != nil, db != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --text, --input or --db")
        }
        if input != nil && output == nil { throw ValidationError("--input needs --output FILE.jsonl") }
    }

    func run() throws {
        if let db {
            let pipeline = try PipelineOptions.pipeline(store: StoreOptions.at(db), model: modelOptions)
            let count = try pipeline.embedItems()
            print("\(count) items embedded with \(pipeline.modelID); every item has a current vector")
            return
        }
        let embedder = try modelOptions.embedder()
        if let text {
            print(EmbeddingFile.jsonArray(embedder.embed(text)))
            return
        }
        guard let input, let output else { return }
        let records = try EmbeddingFile.readTexts(path: input)
        let bar = ProgressBar("embedding", total: records.count)
        let clock = ContinuousClock()
        var vectors = Matrix(rows: 0, columns: 0)
        let elapsed = clock.measure { vectors = embedder.embed(records.map(\.text)) { bar.update($0) } }
        bar.finish()
        try EmbeddingFile.write(ids: records.map(\.id), vectors: vectors, to: output)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let message = String(format: "embedded %d texts with %@ in %.2f s (%.1f texts/s) into %@\n",
                             records.count, embedder.modelID, seconds, Double(records.count) / max(seconds, 1e-9), output)
        FileHandle.standardError.write(Data(message.utf8))
    }
}

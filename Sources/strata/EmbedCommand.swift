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
            was computed from a different text. --text and --input are embedded as given; with \
            multilingual-e5-small, --prefix query|passage puts e5's "query: " or "passage: " in front.
            """)

    @OptionGroup var modelOptions: ModelOptions
    @Option(help: "A text to embed; prints its vector as a JSON array.") var text: String?
    @Option(help: "A JSONL or plain-text file of texts.") var input: String?
    @Option(help: "Where to write the JSONL vectors (required with --input).") var output: String?
    @Option(help: "A store whose items to embed.") var db: String?
    @Option(help: "Put the model's query or passage prefix in front of every text (query|passage; none by default).")
    var prefix: TextRole?

    /// What the texts are to a model with prefixes (e5).
    enum TextRole: String, ExpressibleByArgument {
        case query, passage
    }

    func validate() throws {
        guard [text != nil, input != nil, db != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --text, --input or --db")
        }
        if input != nil && output == nil { throw ValidationError("--input needs --output FILE.jsonl") }
        if prefix != nil && db != nil {
            throw ValidationError("--prefix is for --text and --input; catalog items always get the passage prefix")
        }
    }

    func run() throws {
        if let db {
            let pipeline = try PipelineOptions.pipeline(store: StoreOptions.at(db), model: modelOptions)
            let count = try pipeline.embedItems()
            print("\(count) items embedded with \(pipeline.modelID); every item has a current vector")
            return
        }
        let embedder = try modelOptions.embedder()
        let marker =
            switch prefix {
            case .query: embedder.queryPrefix
            case .passage: embedder.passagePrefix
            case nil: ""
            }
        if let text {
            print(EmbeddingFile.jsonArray(embedder.embed(marker + text)))
            return
        }
        guard let input, let output else { return }
        let records = try EmbeddingFile.readTexts(path: input)
        let bar = ProgressBar("embedding", total: records.count)
        let clock = ContinuousClock()
        var vectors = Matrix(rows: 0, columns: 0)
        let elapsed = clock.measure { vectors = embedder.embed(records.map { marker + $0.text }) { bar.update($0) } }
        bar.finish()
        try EmbeddingFile.write(ids: records.map(\.id), vectors: vectors, to: output)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let message = String(
            format: "embedded %d texts with %@ in %.2f s (%.1f texts/s) into %@\n",
            records.count, embedder.modelID, seconds, Double(records.count) / max(seconds, 1e-9), output)
        StandardError.write(message)
    }
}

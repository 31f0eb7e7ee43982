import ArgumentParser
import Foundation
import StrataEmbedding

/// The `--model` option shared by every command that encodes text.
struct ModelOptions: ParsableArguments {
    @Option(
        name: .long,
        help: """
            all-MiniLM-L6-v2 (English), multilingual-e5-small (about 100 languages), or a model folder (Hugging Face \
            BERT, or one holding an E5S1 file). Default: $STRATA_MODEL_DIR, else the model recorded in the store, \
            else multilingual-e5-small for a catalog mostly not in English and all-MiniLM-L6-v2 otherwise.
            """)
    var model: String?

    @Option(name: .long, help: "Threads encoding batches at once, each with single-threaded BLAS (default: all cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    /// Whether the user chose the model (`--model` or `STRATA_MODEL_DIR`), leaving nothing to choose.
    var isChosen: Bool {
        model != nil || !(ProcessInfo.processInfo.environment["STRATA_MODEL_DIR"] ?? "").isEmpty
    }

    /// The chosen model folder; `name` is the installed model looked for when the user chose none.
    /// - Throws: `ModelError.notFound` when no `--model` is given and no default folder holds the model.
    func directory(name: String = ModelLocator.defaultModelName) throws -> URL {
        try ModelLocator().modelDirectory(explicit: model, name: name)
    }

    /// The id the chosen model's vectors are stored under (its folder's name), known without loading
    /// it: stages whose vectors are stored need no model at all.
    func modelID(name: String = ModelLocator.defaultModelName) -> String {
        model.map { BertSentenceEmbedder.modelID(of: URL(fileURLWithPath: $0)) }
            ?? (try? directory(name: name)).map(BertSentenceEmbedder.modelID(of:)) ?? name
    }

    /// The sentence embedder of the chosen folder.
    func embedder(name: String = ModelLocator.defaultModelName) throws -> BertSentenceEmbedder {
        try BertSentenceEmbedder(modelDirectory: try directory(name: name), workers: workers)
    }
}

import ArgumentParser
import Foundation
import StrataEmbedding

/// The `--model` option shared by every command that encodes text.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: "A Hugging Face BERT model folder (default: $STRATA_MODEL_DIR, else all-MiniLM-L6-v2 in ~/.local/share/strata/models, beside the executable or in ./models).")
    var model: String?

    @Option(name: .long, help: "Threads encoding batches at once, each with single-threaded BLAS (default: all cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    /// The chosen model folder.
    /// - Throws: `ModelError.notFound` when no `--model` is given and no default folder holds the model.
    func directory() throws -> URL { try ModelLocator().modelDirectory(explicit: model) }

    /// The id the chosen model's vectors are stored under (its folder's name), known without loading
    /// it: stages whose vectors are stored need no model at all.
    var modelID: String {
        model.map { BertSentenceEmbedder.modelID(of: URL(fileURLWithPath: $0)) }
            ?? (try? directory()).map(BertSentenceEmbedder.modelID(of:)) ?? ModelLocator.defaultModelName
    }

    /// The sentence embedder of the chosen folder.
    func embedder() throws -> BertSentenceEmbedder {
        try BertSentenceEmbedder(modelDirectory: try directory(), workers: workers)
    }
}

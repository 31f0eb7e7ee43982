import ArgumentParser
import Foundation
import StrataEmbedding

/// The `--model` option shared by every command that encodes text.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: "A Hugging Face BERT model folder (default: $STRATA_MODEL_DIR or models/all-MiniLM-L6-v2).")
    var model: String?

    @Option(name: .long, help: "Threads encoding batches at once, each with single-threaded BLAS; 1 lets BLAS use every core instead (default: all cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    /// The chosen model folder.
    var directory: URL { BertSentenceEmbedder.modelDirectory(explicit: model) }

    /// The sentence embedder of the chosen folder.
    func embedder() throws -> BertSentenceEmbedder {
        try BertSentenceEmbedder(modelDirectory: directory, workers: workers)
    }
}

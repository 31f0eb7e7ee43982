import ArgumentParser
import Foundation
import StrataEmbedding

/// The `--model` option shared by every command that encodes text.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: "A Hugging Face BERT model folder (default: $STRATA_MODEL_DIR or models/all-MiniLM-L6-v2).")
    var model: String?

    /// The sentence embedder of the chosen folder.
    func embedder() throws -> BertSentenceEmbedder {
        try BertSentenceEmbedder(modelDirectory: BertSentenceEmbedder.modelDirectory(explicit: model))
    }
}

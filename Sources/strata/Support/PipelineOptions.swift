import ArgumentParser
import Foundation
import StrataEmbedding
import StrataPipeline

/// The options of every command that runs pipeline stages on a store: `--db` and the model options.
struct PipelineOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var model: ModelOptions

    /// A pipeline over the store that reports each stage it runs on standard error, with progress bars
    /// on a terminal.
    func open() throws -> Pipeline {
        try Self.pipeline(store: store, model: model)
    }

    /// A pipeline over the store at `store` with the encoder `model` names, keeping fitted recommender
    /// weights in the store's cache folder.
    static func pipeline(store: StoreOptions, model: ModelOptions) throws -> Pipeline {
        let pipeline = Pipeline(
            store: try store.open(),
            modelID: model.modelID,
            embedder: { try model.embedder() },
            log: { FileHandle.standardError.write(Data("strata: \($0)\n".utf8)) },
            progress: { ProgressBar($0, total: $1) })
        pipeline.fitCacheFolder = store.cacheFolder
        return pipeline
    }
}

extension ProgressBar: ProgressReporter {}

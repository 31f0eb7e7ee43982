import ArgumentParser
import Foundation
import StrataEmbedding
import StrataPipeline

/// The options of every command that runs pipeline stages on a store: `--db` and the model options.
struct PipelineOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var model: ModelOptions

    /// The stored form of the raw user id `id` (a pseudonym under `--pseudonymize-key-file`).
    func storedUser(_ id: String) throws -> String { try store.userIDs().stored(id) }

    /// A pipeline over the store that reports each stage it runs on standard error, with progress bars
    /// on a terminal.
    func open() throws -> Pipeline {
        try Self.pipeline(store: store, model: model)
    }

    /// A pipeline over the store at `store` with the encoder `model` names (else the one chosen for the
    /// store's catalog), keeping fitted recommender models where the store keeps them (`fitKeeper(of:)`).
    static func pipeline(store: StoreOptions, model: ModelOptions) throws -> Pipeline {
        let opened = try store.open()
        let log = { (line: String) in StandardError.write("strata: \(line)\n") }
        let name = model.isChosen ? ModelLocator.defaultModelName : try Pipeline.automaticModel(store: opened, log: log)
        let pipeline = Pipeline(
            store: opened,
            modelID: model.modelID(name: name),
            embedder: { try model.embedder(name: name) },
            log: log,
            progress: { ProgressBar($0, total: $1) })
        pipeline.fitKeeper = store.fitKeeper(of: opened)
        try pipeline.adoptStoredLayerSettings()  // what `strata evaluate --layers` chose for this store, if it ran
        return pipeline
    }
}

extension ProgressBar: ProgressReporter {}

import ArgumentParser
import Foundation
import StrataPipeline

/// `strata export-model`: the catalog side of the fitted recommender as a read-only folder for `strata batch`.
struct ExportModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model",
        abstract:
            "Write the fitted catalog side (items and vectors, topics, segments, kept fits, tuned hybrid) to a folder.",
        discussion: """
            Runs the stages `strata recommend` needs first and chooses the hybrid as it does. `strata batch --model \
            DIR` then turns users' event histories into layers, segments and recommendations without the store, \
            on any machine (a Spark executor, say): for a user of this store with the same events, exactly what \
            `strata profile --all-users --format jsonl` and `strata recommend --all-users` give. The folder has a \
            manifest.json with the format version and a fingerprint of the data; an earlier export is replaced.
            """)

    @OptionGroup var options: PipelineOptions
    @OptionGroup var tuning: TuningOptions
    @Option(help: "The folder to write (created; an earlier export there is replaced).") var output: String

    func run() throws {
        let pipeline = try options.open()
        tuning.apply(to: pipeline)
        let start = Date()
        let manifest: ModelManifest
        do {
            manifest = try pipeline.exportModel(to: URL(fileURLWithPath: output))
        } catch let error as ModelFolderError {
            throw CommandError(error.description)
        }
        print(
            String(
                format: "exported %d items, %d users (%d events) to %@ in %.1f s; fingerprint %@",
                manifest.items, manifest.users, manifest.events, output, Date().timeIntervalSince(start),
                manifest.fingerprint))
    }
}

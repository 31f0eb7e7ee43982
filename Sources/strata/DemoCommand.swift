import ArgumentParser
import Foundation
import StrataSample

/// `strata demo`: the pipeline on bundled material, end to end.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the pipeline on a small bundled sample and show what it finds.")

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var llm: LLMOptions

    @Option(help: "The demo database, replaced on every run.")
    var db = ".strata/demo.sqlite"

    @Option(help: "The sample's language: en (the bundled sample/) or zh (the same sample in Chinese).")
    var language = SampleLanguage.english

    @Option(
        help: """
            The sample folder (see `strata sample generate`). Default: sample/ in English; in another language \
            the sample is generated beside the demo database.
            """)
    var sample: String?

    /// The folder the demo's sample is read from.
    var sampleFolder: URL {
        if let sample { return URL(fileURLWithPath: sample) }
        if language == .english { return URL(fileURLWithPath: "sample") }
        return URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent(
            "sample-\(language.rawValue)")
    }

    /// One step of the demo, in pipeline order; each later stage appends itself here.
    struct Stage: Sendable {
        let title: String
        let run: @Sendable (Demo) throws -> Void
    }

    static let stages: [Stage] = [
        Stage(title: "Import the bundled sample") { try $0.importSample() },
        Stage(title: "What the store holds") { try $0.showStats() },
        Stage(title: "Topics: the catalog clustered and named (fine topics under coarse ones)") { try $0.showTopics() },
        Stage(title: "Interest layers: surface (recent), middle (decayed topics), deep (stable)") {
            try $0.showProfiles()
        },
        Stage(title: "Segments: users grouped on their deep interests") { try $0.showSegments() },
        Stage(title: "Recommendations with reasons: the users above, then a newcomer described in one sentence") {
            try $0.showRecommendations()
        }
    ]

    func run() throws {
        for (number, stage) in Self.stages.enumerated() {
            print("\n== \(number + 1). \(stage.title)")
            try stage.run(self)
        }
    }
}

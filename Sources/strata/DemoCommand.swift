import ArgumentParser
import Foundation
import StrataEmbedding
import StrataMath

/// `strata demo`: the pipeline on bundled material, end to end.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the pipeline on a small bundled sample and show what it finds.")

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "The demo database, replaced on every run.")
    var db = ".strata/demo.sqlite"

    @Option(help: "The sample folder (see `strata sample generate`).")
    var sample = "sample"

    /// One step of the demo, in pipeline order; each later stage appends itself here.
    struct Stage: Sendable {
        let title: String
        let run: @Sendable (Demo) throws -> Void
    }

    static let stages: [Stage] = [
        Stage(title: "Import the bundled sample") { try $0.importSample() },
        Stage(title: "What the store holds") { try $0.showStats() },
        Stage(title: "Nearest catalog lines to a few searches") { try $0.showNearestTexts() },
    ]

    /// A few catalog lines across unrelated interests.
    static let catalog = [
        "A crew of smugglers crosses a galactic empire in a starship to steal a secret weapon.",
        "An astronaut stranded on Mars grows potatoes to survive until rescue arrives.",
        "A team of thieves plans an elaborate casino heist in Las Vegas.",
        "Wireless noise-cancelling headphones with a 30-hour battery.",
        "A lightweight waterproof hiking backpack with a rain cover.",
        "Trail running shoes with extra grip for muddy mountain paths.",
        "A burr grinder for espresso and pour-over coffee at home.",
        "A smartphone with a 120 Hz OLED screen and a triple camera.",
        "Slow-cooker recipes for hearty winter stews and soups.",
    ]

    /// What a few users might search for.
    static let queries = ["space opera adventure", "bank robbery film", "gear for a mountain trek", "我喜欢喝咖啡 coffee"]

    func run() throws {
        for (number, stage) in Self.stages.enumerated() {
            print("\n== \(number + 1). \(stage.title)")
            try stage.run(self)
        }
    }

    func showNearestTexts() throws {
        let embedder = try modelOptions.embedder()
        print("Encoder: \(embedder.modelID), \(embedder.dimension) dimensions, in-process over OpenBLAS\n")
        let items = embedder.embed(Self.catalog)
        let queries = embedder.embed(Self.queries)
        let similarities = queries.multiplied(by: items, transposeOther: true)
        for (q, query) in Self.queries.enumerated() {
            print("“\(query)” is nearest to:")
            for hit in TopK.largest(similarities.row(q), k: 2) {
                print(String(format: "  %.3f  %@", hit.score, Self.catalog[hit.index]))
            }
        }
    }
}

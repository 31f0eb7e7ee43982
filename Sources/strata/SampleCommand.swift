import ArgumentParser
import Foundation
import StrataSample

/// `strata sample generate`: writes the bundled sample (catalog, users, events, next week, ground truth).
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The bundled sample with planted interests and segments.",
        subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write items.csv, users.csv, events.csv, next-week.csv and truth.json (same seed, same bytes).")

        @Option(help: "The folder to write into.") var out = "sample"
        @Option(help: "The simulator's seed.") var seed = SampleGenerator.defaultSeed
        @Option(help: "How many users to simulate.") var users = 2000

        func run() throws {
            let folder = URL(fileURLWithPath: out)
            try SampleGenerator(seed: seed, users: users).write(to: folder)
            for name in SampleGenerator.fileNames {
                let size = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int) ?? 0
                print("\(folder.appendingPathComponent(name).path)  \(size.formatted(.number)) bytes")
            }
        }
    }
}

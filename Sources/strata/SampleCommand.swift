import ArgumentParser
import Foundation
import StrataSample

extension SampleLanguage: ExpressibleByArgument {}

/// `strata sample generate`: writes the bundled sample (catalog, users, events, next week, ground truth),
/// or with `--items`/`--events` a shop-shaped log of any size.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The bundled sample with planted interests and segments.",
        subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write items.csv, users.csv, events.csv, next-week.csv and truth.json (same seed, same bytes).",
            discussion: """
                With --items or --events, write instead a shop-shaped log of that size: items.csv (items known \
                only by id and a two-level category), events.csv (views, likes, carts, purchases) and truth.csv \
                (each user's planted segment, long-term and recent categories), streamed in constant memory.
                """)

        @Option(help: "The folder to write into.") var out = "sample"
        @Option(help: "The simulator's seed.") var seed = SampleGenerator.defaultSeed
        @Option(help: "How many users to simulate.") var users = 2000
        @Option(help: "The bundled sample's language: en or zh (the same planted truth in both).")
        var language = SampleLanguage.english
        @Option(help: "Shop-shaped log: how many items (default \(Self.defaultItems)).") var items: Int?
        @Option(help: "Shop-shaped log: how many events in total (default 50 per user).") var events: Int?
        @Option(help: "Shop-shaped log: how many leaf categories (default max(10, items/200)).") var categories: Int?

        static let defaultItems = 10_000

        /// The shop-shaped log asked for, or `nil` for the bundled sample.
        var shopShape: ShopShape? {
            guard items != nil || events != nil else { return nil }
            return ShopShape(
                seed: seed, users: users, items: items ?? Self.defaultItems,
                events: events ?? users * 50, categories: categories)
        }

        func validate() throws {
            guard users >= 1 else { throw ValidationError("--users must be at least 1, got \(users)") }
            guard let shape = shopShape else {
                if categories != nil {
                    throw ValidationError("--categories only applies to a shop-shaped log: add --items and/or --events")
                }
                return
            }
            if language != .english {
                throw ValidationError("--language only applies to the bundled sample: drop --items and --events")
            }
            if let items, items < 1 { throw ValidationError("--items must be at least 1, got \(items)") }
            if let categories, categories < 2 {
                throw ValidationError(
                    "--categories must be at least 2 (each user has two long-term ones), got \(categories)")
            }
            if shape.items < shape.categories {
                throw ValidationError(
                    "--items (\(shape.items)) must be at least the number of leaf categories "
                        + "(\(shape.categories)\(categories == nil ? ", the default for that many items" : "")), "
                        + "so that every category holds an item")
            }
            if shape.events < shape.users {
                throw ValidationError(
                    "--events (\(shape.events)) must be at least --users (\(shape.users)), "
                        + "since every user acts at least once")
            }
            do { try shape.validate() } catch let error as ShopShapeError { throw ValidationError(error.description) }
        }

        func run() throws {
            let folder = URL(fileURLWithPath: out)
            if let shape = shopShape {
                var summary: ShopSummary?
                let elapsed = try ContinuousClock().measure {
                    summary = try ShopGenerator(shape: shape).write(to: folder)
                }
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                guard let summary else { return }
                printSizes(of: ShopGenerator.fileNames, in: folder)
                let counts = summary.eventCounts.map { "\($0.count.formatted(.number)) \($0.type)" }.joined(
                    separator: ", ")
                print(
                    "\(summary.users.formatted(.number)) users, \(summary.items.formatted(.number)) items in "
                        + "\(summary.categories) categories under \(summary.roots) roots, \(summary.segments) segments; "
                        + "\(summary.events.formatted(.number)) events (\(counts)) in \(String(format: "%.1f", seconds)) s"
                )
                return
            }
            try SampleGenerator(seed: seed, users: users, language: language).write(to: folder)
            printSizes(of: SampleGenerator.fileNames, in: folder)
        }

        private func printSizes(of names: [String], in folder: URL) {
            for name in names {
                let size =
                    (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size]
                        as? Int) ?? 0
                print("\(folder.appendingPathComponent(name).path)  \(size.formatted(.number)) bytes")
            }
        }
    }
}

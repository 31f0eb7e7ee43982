import ArgumentParser
import Foundation
import StrataStore

/// `strata migrate`: copies a whole store into another, say a SQLite file into PostgreSQL or back.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy everything one store holds into another (SQLite file or postgres:// URL, either way).",
        discussion: """
            Catalog, users and events go through the destination's writer (nothing stored twice), vectors, topics, \
            profiles, segments and stage records replace the destination's; running it again changes nothing. \
            Ends by checking that both stores hold the same counts.
            """)

    @Option(help: "The store to copy: a SQLite file or a postgres:// URL.") var from: String
    @Option(help: "The store to copy into (created or migrated as needed).") var to: String

    func run() throws {
        guard StoreLocation(from).exists else {
            throw CommandError("\(from): no such database file")
        }
        let (source, destination) = (try StoreOptions.open(path: from), try StoreOptions.open(path: to))
        let report: StoreCopy.Report
        do {
            report = try StoreCopy.copy(from: source, to: destination)
        } catch let mismatch as StoreCopy.Mismatch {
            throw CommandError("\(StoreOptions.name(of: to)): \(mismatch)")
        }
        let vectors = report.vectors.values.reduce(0, +)
        print(
            """
            copied \(StoreOptions.name(of: from)) into \(StoreOptions.name(of: to)); both hold \(report.stats.users) users, \
            \(report.stats.items) items, \(report.stats.events) events, \(report.profiles) profiles, \(vectors) vectors, \
            \(report.segmentModels) segment models
            """)
    }
}

import Foundation
import StrataImport
import StrataSample

/// The demo's data stages: a fresh database with the bundled sample in it.
extension Demo {
    func importSample() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let store = try StoreOptions.open(path: db)
        let folder = sampleFolder
        if sample == nil, language != .english {
            try SampleGenerator(language: language).write(to: folder)
            print("wrote the \(language.rawValue) sample into \(folder.relativePath)")
        }
        for (name, importer) in [
            ("items.csv", Importer.importItems), ("users.csv", Importer.importUsers),
            ("events.csv", Importer.importEvents)
        ] {
            let start = Date()
            let summary = try importer(folder.appendingPathComponent(name), store, ImportOptions())
            print(summary.text(file: name, seconds: Date().timeIntervalSince(start)))
        }
    }

    func showStats() throws {
        print(try StoreOptions.open(path: db).stats().text)
    }
}

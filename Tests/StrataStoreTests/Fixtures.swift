import Foundation
import StrataImport
import StrataPostgres
import StrataPrivacy
import StrataSQLite
import StrataStore
import StrataTestSupport

/// The store back-ends the store tests run against: each such test takes one as its argument.
enum Backend: String, CaseIterable, Sendable {
    case sqlite, postgres
}

/// A temporary folder with a fresh store and helpers to write fixture files into it.
final class Fixtures {
    let folder: URL
    let store: any Store

    /// Where the store is: the SQLite file's path, or the PostgreSQL database's URL.
    let location: String

    /// A fresh store of `backend`, storing event texts as `texts` says: a new SQLite file in the folder,
    /// or a new database on `postgres` (by default the tests' shared PostgreSQL server, `TestPostgres`).
    init(_ backend: Backend, texts: EventTexts = .clear, postgres: TestPostgres? = nil) throws {
        folder = try RepositoryPaths.temporaryFolder()
        switch backend {
        case .sqlite:
            location = folder.appendingPathComponent("test.sqlite").path
            store = try SQLiteStore(path: location, texts: texts)
        case .postgres:
            location = try (postgres ?? TestPostgres.shared()).freshDatabase()
            store = try PostgresStore(url: location, texts: texts)
        }
    }

    /// The same store opened again, storing event texts as `texts` says.
    func reopened(texts: EventTexts) throws -> any Store {
        StoreLocation(location).isURL
            ? try PostgresStore(url: location, texts: texts) : try SQLiteStore(path: location, texts: texts)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Writes `text` (as UTF-8) to `name` in the folder and returns its URL.
    @discardableResult func file(_ name: String, _ text: String) throws -> URL {
        try file(name, Data(text.utf8))
    }

    /// Writes raw `bytes` to `name` in the folder and returns its URL.
    @discardableResult func file(_ name: String, _ bytes: Data) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
        return url
    }

    /// A small catalog of three items, imported.
    func catalog() throws {
        let items = try file(
            "items.csv",
            """
            item_id,title,description,categories
            i1,Aurora Phone,A bright phone.,Electronics>Phones
            i2,Star Tides,"A space opera, with ""big"" ships.",Books>Science Fiction|Movies>Space Opera
            i3,Trail Boots,,Outdoors>Hiking

            """)
        _ = try Importer.importItems(from: items, into: store)
    }
}

import Foundation
import StrataCore
import StrataSQLite
import StrataTestSupport
import Testing

@testable import StrataPipeline

/// With no model named, a store whose catalog is mostly not in English is embedded with
/// multilingual-e5-small; the choice is said once and kept in the store.
@Suite struct ModelChoiceTests {
    func store(titles: [String]) throws -> (SQLiteStore, URL) {
        let folder = try RepositoryPaths.temporaryFolder()
        let store = try SQLiteStore(path: folder.appendingPathComponent("strata.sqlite").path)
        try store.write { writer in
            for (i, title) in titles.enumerated() { try writer.upsert(Item(id: "\(i)", title: title)) }
        }
        return (store, folder)
    }

    @Test func aMostlyChineseCatalogGetsTheMultilingualModelOnceAndForAll() throws {
        let (store, folder) = try store(titles: ["无线蓝牙耳机", "运动跑鞋 轻量透气", "iPhone 15 手机壳", "A coffee grinder"])
        defer { try? FileManager.default.removeItem(at: folder) }
        var logged = [String]()
        #expect(try Pipeline.automaticModel(store: store) { logged.append($0) } == "multilingual-e5-small")
        #expect(
            logged == [
                "75% of the catalog is not in English: embedding with multilingual-e5-small (recorded in the store; --model overrides)"
            ])
        try store.write { writer in
            for i in 10 ..< 20 { try writer.upsert(Item(id: "\(i)", title: "English title \(i)")) }
        }
        #expect(
            try Pipeline.automaticModel(store: store) { logged.append($0) } == "multilingual-e5-small",
            "the recorded choice stays")
        #expect(logged.count == 1)
    }

    @Test func anEnglishCatalogKeepsTheDefaultQuietlyAndAnEmptyStoreDecidesNothing() throws {
        let (store, folder) = try store(titles: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        var logged = [String]()
        #expect(try Pipeline.automaticModel(store: store) { logged.append($0) } == "all-MiniLM-L6-v2")
        #expect(try store.stageRecord(ModelChoiceRecord.key("")) == nil)
        try store.write { writer in
            try writer.upsert(Item(id: "1", title: "Crème brûlée torch"))
            try writer.upsert(Item(id: "2", title: "机械键盘"))
            try writer.upsert(Item(id: "3", title: "A mechanical keyboard"))
        }
        #expect(try Pipeline.automaticModel(store: store) { logged.append($0) } == "all-MiniLM-L6-v2")
        #expect(try store.record(ModelChoiceRecord.self)?.modelID == "all-MiniLM-L6-v2")
        #expect(logged.isEmpty)
    }
}

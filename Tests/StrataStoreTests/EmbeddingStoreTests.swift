import Foundation
import StrataCore
import StrataImport
import StrataMath
import StrataStore
import Testing

/// The store side of `strata embed --db`: only new or changed items need vectors.
@Suite struct EmbeddingStoreTests {
    @Test(arguments: Backend.allCases) func onlyNewOrChangedItemsNeedVectors(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.catalog()
        let store = fixtures.store
        let text = { (item: Item) in item.title + ". " + item.description }

        let first = try store.itemsLackingEmbedding(model: "m", text: text)
        #expect(first.map(\.itemID) == ["i1", "i2", "i3"])
        #expect(first[0].text == "Aurora Phone. A bright phone.")
        let vectors: [[Float]] = [[1, 0, 0.5], [0, 1, -2], [0.25, 0.25, 0]]
        try store.saveEmbeddings(zip(first, vectors).map { ItemEmbedding($0, vector: $1) }, model: "m")

        #expect(try store.itemsLackingEmbedding(model: "m", text: text).isEmpty)
        #expect(try store.itemsLackingEmbedding(model: "other", text: text).count == 3)

        let loaded = try store.loadEmbeddings(model: "m")
        #expect(loaded.itemIDs == ["i1", "i2", "i3"])
        #expect(loaded.vectors == Matrix(rowVectors: vectors))

        let changed = try fixtures.file(
            "changed.csv", "item_id,title,description\ni2,Star Tides,A new blurb.\ni4,Fresh,\n")
        _ = try Importer.importItems(from: changed, into: store)
        let stale = try store.itemsLackingEmbedding(model: "m", text: text)
        #expect(stale.map(\.itemID) == ["i2", "i4"])

        try store.saveEmbeddings([ItemEmbedding(stale[0], vector: [9, 9, 9])], model: "m")
        let reloaded = try store.loadEmbeddings(model: "m")
        #expect(reloaded.itemIDs == ["i1", "i2", "i3"])
        #expect(reloaded.vectors.row(1) == [9, 9, 9])
    }

    @Test(arguments: Backend.allCases) func vectorsOfDifferentDimensionsAreAnError(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.store.saveEmbeddings(
            [
                ItemEmbedding(itemID: "a", textHash: "h", vector: [1, 2]),
                ItemEmbedding(itemID: "b", textHash: "h", vector: [1, 2, 3])
            ], model: "m")
        #expect(throws: StoreError.self) { try fixtures.store.loadEmbeddings(model: "m") }
    }

    @Test func textHashIsStableFNV1a() {
        #expect(TextHash.of("") == "cbf29ce484222325")
        #expect(TextHash.of("a") == "af63dc4c8601ec8c")
    }
}

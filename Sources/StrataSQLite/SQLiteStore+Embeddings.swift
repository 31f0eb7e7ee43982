import Foundation
import GRDB
import StrataCore
import StrataMath
import StrataStore

/// Item vectors per (model id, item id), tagged with the hash of the text they were computed from,
/// so re-embedding touches only new or changed items.
extension SQLiteStore {
    public func itemsLackingEmbedding(model: String, text: (Item) -> String) throws -> [EmbeddingInput] {
        let (items, hashes) = try pool.read { db in
            let items = try Row.fetchAll(db, sql: "SELECT * FROM items ORDER BY id").map(Self.item)
            var hashes: [String: String] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT item_id, text_hash FROM item_embeddings WHERE model_id = ?",
                arguments: [model])
            {
                hashes[row[0]] = row[1]
            }
            return (items, hashes)
        }
        return EmbeddingInput.lacking(items, hashes: hashes, text: text)
    }

    public func itemsLackingEmbedding(model: String, among ids: [String], text: (Item) -> String) throws
        -> [EmbeddingInput]
    {
        let ids = Array(Set(ids)).sorted()
        // A chunk's ids are bound one parameter each, well under SQLite's limit on parameters.
        let chunk = 500
        let (items, hashes) = try pool.read { db in
            var items = [Item]()
            var hashes: [String: String] = [:]
            for start in stride(from: 0, to: ids.count, by: chunk) {
                let part = Array(ids[start ..< min(start + chunk, ids.count)])
                let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
                items += try Row.fetchAll(
                    db, sql: "SELECT * FROM items WHERE id IN (\(marks)) ORDER BY id",
                    arguments: StatementArguments(part)
                ).map(Self.item)
                for row in try Row.fetchAll(
                    db,
                    sql: "SELECT item_id, text_hash FROM item_embeddings WHERE model_id = ? AND item_id IN (\(marks))",
                    arguments: StatementArguments([model] + part))
                {
                    hashes[row[0]] = row[1]
                }
            }
            return (items, hashes)
        }
        return EmbeddingInput.lacking(items, hashes: hashes, text: text)
    }

    public func saveEmbeddings(_ embeddings: [ItemEmbedding], model: String) throws {
        try pool.write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO item_embeddings(model_id, item_id, text_hash, dimension, vector)
                    VALUES (?, ?, ?, ?, ?)
                    """)
            for embedding in embeddings {
                try statement.execute(arguments: [
                    model, embedding.itemID, embedding.textHash,
                    embedding.vector.count, StoredForm.blob(embedding.vector)
                ])
            }
        }
    }

    public func embeddings(model: String) throws -> [ItemEmbedding] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT item_id, text_hash, vector FROM item_embeddings WHERE model_id = ? ORDER BY item_id",
                arguments: [model]
            ).map { ItemEmbedding(itemID: $0[0], textHash: $0[1], vector: StoredForm.floats($0[2])) }
        }
    }

    public func loadEmbeddings(model: String) throws -> EmbeddingSet {
        try pool.read { db in
            // Sized up front: growing one array of a million 384-float rows by doubling would hold
            // up to twice the catalog's vectors while it copies.
            let (count, width) =
                try Row.fetchOne(
                    db, sql: "SELECT COUNT(*), MAX(dimension) FROM item_embeddings WHERE model_id = ?",
                    arguments: [model]
                ).map { ($0[0] as Int? ?? 0, $0[1] as Int? ?? 0) } ?? (0, 0)
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT item_id, dimension, vector FROM item_embeddings WHERE model_id = ? ORDER BY item_id
                    """, arguments: [model])
            var ids: [String] = []
            var values: [Float] = []
            ids.reserveCapacity(count)
            values.reserveCapacity(count * width)
            var dimension: Int?
            while let row = try rows.next() {
                let id: String = row[0]
                let rowDimension: Int = row[1]
                let blob: Data = row[2]
                guard dimension == nil || dimension == rowDimension, blob.count == rowDimension * 4 else {
                    throw StoreError.inconsistentEmbeddings(model: model, itemID: id)
                }
                dimension = rowDimension
                ids.append(id)
                blob.withUnsafeBytes { raw in
                    values.append(contentsOf: raw.bindMemory(to: Float.self))
                }
            }
            return EmbeddingSet(itemIDs: ids, vectors: Matrix(rows: ids.count, columns: dimension ?? 0, values: values))
        }
    }
}

import Foundation
import PostgresNIO
import StrataCore
import StrataMath
import StrataStore

/// Item vectors per (model id, item id), as in SQLite; saved in one `COPY` per call.
extension PostgresStore {
    public func itemsLackingEmbedding(model: String, text: (Item) -> String) throws -> [EmbeddingInput] {
        let items = try items()
        let hashes = try textHashes("SELECT item_id, text_hash FROM item_embeddings WHERE model_id = \(model)")
        return EmbeddingInput.lacking(items, hashes: hashes, text: text)
    }

    public func itemsLackingEmbedding(model: String, among ids: [String], text: (Item) -> String) throws
        -> [EmbeddingInput]
    {
        let ids = Array(Set(ids))
        let items = try connections.rows(
            "SELECT \(unescaped: Self.itemColumns) FROM items WHERE id = ANY(\(ids)) ORDER BY id"
        ).map(Self.item)
        let hashes = try textHashes(
            "SELECT item_id, text_hash FROM item_embeddings WHERE model_id = \(model) AND item_id = ANY(\(ids))")
        return EmbeddingInput.lacking(items, hashes: hashes, text: text)
    }

    /// The text hash of each item `query` selects (`item_id, text_hash` rows), by item id.
    private func textHashes(_ query: PostgresQuery) throws -> [String: String] {
        var hashes: [String: String] = [:]
        for row in try connections.rows(query) {
            let (item, hash) = try row.decode((String, String).self)
            hashes[item] = hash
        }
        return hashes
    }

    public func saveEmbeddings(_ embeddings: [ItemEmbedding], model: String) throws {
        var rows = CopyRows()
        for embedding in embeddings {
            rows.text(model)
            rows.text(embedding.itemID)
            rows.text(embedding.textHash)
            rows.integer(embedding.vector.count)
            rows.bytes(StoredForm.blob(embedding.vector))
            rows.endRow()
        }
        try connections.withConnection { lease in
            try lease.transaction {
                try lease.upsert(
                    into: "item_embeddings", columns: ["model_id", "item_id", "text_hash", "dimension", "vector"],
                    key: ["model_id", "item_id"], rows: rows, conflict: .replace)
            }
        }
    }

    public func embeddings(model: String) throws -> [ItemEmbedding] {
        try connections.rows(
            """
            SELECT item_id, text_hash, vector FROM item_embeddings WHERE model_id = \(model) ORDER BY item_id
            """
        ).map { row in
            let (item, hash, vector) = try row.decode((String, String, ByteBuffer).self)
            return ItemEmbedding(itemID: item, textHash: hash, vector: StoredForm.floats(Data(buffer: vector)))
        }
    }

    public func loadEmbeddings(model: String) throws -> EmbeddingSet {
        let rows = try connections.rows(
            """
            SELECT item_id, dimension, vector FROM item_embeddings WHERE model_id = \(model) ORDER BY item_id
            """)
        var ids: [String] = []
        var values: [Float] = []
        ids.reserveCapacity(rows.count)
        var dimension: Int?
        for row in rows {
            let (id, rowDimension, blob) = try row.decode((String, Int, ByteBuffer).self)
            guard dimension == nil || dimension == rowDimension, blob.readableBytes == rowDimension * 4 else {
                throw StoreError.inconsistentEmbeddings(model: model, itemID: id)
            }
            if dimension == nil { values.reserveCapacity(rows.count * rowDimension) }
            dimension = rowDimension
            ids.append(id)
            values.append(contentsOf: StoredForm.floats(Data(buffer: blob)))
        }
        return EmbeddingSet(itemIDs: ids, vectors: Matrix(rows: ids.count, columns: dimension ?? 0, values: values))
    }
}

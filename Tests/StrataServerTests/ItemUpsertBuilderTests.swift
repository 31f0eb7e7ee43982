import Foundation
import StrataCore
import StrataPipeline
import StrataPostgres
import StrataSQLite
import StrataStore
import StrataTestSupport
import Testing

@testable import StrataServer

/// `PUT /v1/items` brings the served profile builder up to date from the request's items alone; its profiles
/// must equal those of a builder made from scratch on the same store, on SQLite and on PostgreSQL.
@Suite struct ItemUpsertBuilderTests {
    let key = RunningServer.key

    @Test func theServedBuilderEqualsOneFromScratchOnSQLite() async throws {
        try await RunningServer().serving { server async throws in
            try await check(server, store: try SQLiteStore(path: server.database.path))
        }
    }

    @Test func theServedBuilderEqualsOneFromScratchOnPostgreSQL() async throws {
        let url = try TestStore.postgresCopy()
        try await RunningServer(postgres: url).serving { server async throws in
            try await check(server, store: try PostgresStore(url: url))
        }
    }

    /// Puts a brand-new item (i999), one whose text changed (i001) and one unchanged (i002), posts events on
    /// them, then compares every user's profile from the served builder with one from a builder from scratch.
    private func check(_ server: RunningServer, store: any Store) async throws {
        let pipeline = try TestStore.pipeline(store)
        let model = pipeline.modelID
        let before = try server.server.state.snapshot().builder
        let unchanged = try #require(try store.item(id: "i002"))
        let oldRow = try #require(before.itemRows["i001"])
        let put = try await server.request(
            .PUT, "/v1/items",
            body: [
                "items": [
                    [
                        "item_id": "i999", "title": "Orbit Mini", "description": "A small phone with a great camera.",
                        "categories": ["Electronics>Phones"]
                    ],
                    ["item_id": "i001", "title": "Nova Pro Max, refurbished"],
                    [
                        "item_id": unchanged.id, "title": unchanged.title, "description": unchanged.description,
                        "categories": unchanged.categories
                    ]
                ]
            ], key: key)
        #expect(put.status == 200)
        #expect(put.json["inserted"] as? Int == 1)
        #expect(put.json["updated"] as? Int == 1)
        #expect(put.json["unchanged"] as? Int == 1)
        #expect(put.json["embedded"] as? Int == 2)
        let events = ["i999", "i001", "i002"].enumerated().map { i, item in
            ["user_id": "u1824", "item_id": item, "event": "purchase", "timestamp": 1_704_600_000 + i * 60]
                as [String: Any]
        }
        #expect(try await server.request(.POST, "/v1/events", body: ["events": events], key: key).status == 200)

        let served = try server.server.state.snapshot().builder
        // Everything the served builder knows was stored: a builder from scratch has nothing to embed or assign.
        #expect(try store.itemsLackingEmbedding(model: model) { $0.embeddingText }.isEmpty)
        #expect(try store.topicModel(model: model) == served.topics)
        let scratch = try pipeline.profileBuilder(try pipeline.catalog())
        #expect(served.topics == scratch.topics)
        #expect(served.topics.itemTopics["i999"] != nil)
        #expect(Set(served.itemRows.keys) == Set(scratch.itemRows.keys))
        for id in ["i999", "i001", "i002"] {
            #expect(served.vectors.row(served.itemRows[id]!) == scratch.vectors.row(scratch.itemRows[id]!))
        }
        #expect(served.vectors.row(served.itemRows["i001"]!) != before.vectors.row(oldRow))
        #expect(served.vectors.rows == before.vectors.rows + 1)
        for user in try store.users().map(\.id) {
            let history = try store.events(ofUser: user)
            #expect(served.profile(user: user, events: history) == scratch.profile(user: user, events: history))
        }
    }
}

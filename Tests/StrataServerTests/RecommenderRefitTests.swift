import Foundation
import StrataCore
import StrataMath
import StrataSQLite
import Testing

/// The background refit of the recommender: items added over the API become recommendable without a
/// restart, checked against a brute-force ranking of every stored item vector.
@Suite struct RecommenderRefitTests {
    @Test func anItemAddedOverTheAPIIsRecommendedAfterTheBackgroundRefit() async throws {
        try await RunningServer().serving { server async throws in
            let store = try SQLiteStore(path: server.database.path)
            let user = "u1824"
            let own = Set(try store.events(ofUser: user).map(\.itemID))
            let surface = try #require(try store.profile(user: user)).surface.vector
            var vectors = try store.loadEmbeddings(model: try TestStore.embedder().modelID)
            // A new item with the text of the user's own item nearest their surface layer, so it ranks near the
            // top of the user's surface recommendations.
            let nearest = try #require(
                vectors.itemIDs.indices.filter { own.contains(vectors.itemIDs[$0]) }
                    .max {
                        VectorMath.dot(vectors.vectors.row($0), surface)
                            < VectorMath.dot(vectors.vectors.row($1), surface)
                    })
            let template = try #require(try store.items().first { $0.id == vectors.itemIDs[nearest] })
            let put = try await server.request(
                .PUT, "/v1/items",
                body: [
                    "items": [
                        [
                            "item_id": "new-1", "title": "Twin of \(template.title)",
                            "description": template.description,
                            "categories": template.categories
                        ]
                    ]
                ], key: RunningServer.key)
            #expect(put.status == 200 && put.json["inserted"] as? Int == 1)

            // The background task (every 50 ms) refits once the catalog has an item the recommender lacks.
            let metrics = try await server.metrics(containing: "strata_recommender_refits_total 1\n")
            #expect(metrics.contains("strata_recommender_refits_total 1\n"))

            let answer = try await server.request(.GET, "/v1/users/\(user)/recommendations?k=10&layer=surface").json
            let served = (answer["items"] as? [[String: Any]] ?? []).compactMap { $0["item_id"] as? String }
            vectors = try store.loadEmbeddings(model: try TestStore.embedder().modelID)
            #expect(vectors.itemIDs.contains("new-1"))
            let reference = vectors.itemIDs.indices
                .filter { !own.contains(vectors.itemIDs[$0]) }
                .sorted {
                    VectorMath.dot(vectors.vectors.row($0), surface) > VectorMath.dot(vectors.vectors.row($1), surface)
                }
                .prefix(10).map { vectors.itemIDs[$0] }
            #expect(served == Array(reference))
            // The full hybrid ranks the new catalog (361 items), and the reason names the new item's title.
            let hybrid =
                try await server.request(.GET, "/v1/users/\(user)/recommendations?k=361").json["items"]
                as? [[String: Any]]
                ?? []
            let newOne = try #require(hybrid.first { $0["item_id"] as? String == "new-1" })
            #expect(
                ((newOne["reason"] as? [String: Any])?["text"] as? String)?.hasPrefix("Twin of \(template.title)")
                    == true)
        }
    }
}

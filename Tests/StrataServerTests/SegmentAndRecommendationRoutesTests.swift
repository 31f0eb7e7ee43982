import Foundation
import StrataCore
import StrataMath
import StrataSQLite
import Testing

/// Segments and recommendations over HTTP, checked against the store and against brute-force
/// references; and that posted events move a user's recommendations and segment.
@Suite struct SegmentAndRecommendationRoutesTests {
    let key = RunningServer.key

    @Test func segmentsListEveryUserOnceWithLabelsAndMembers() async throws {
        try await RunningServer().serving { server async throws in
            let list = try await server.request(.GET, "/v1/segments").json
            #expect(list["layer"] as? String == "deep")
            let segments = try #require(list["segments"] as? [[String: Any]])
            #expect(segments.count >= 2)
            let stored = try #require(try SQLiteStore(path: server.database.path).segmentModel(layer: .deep))
            // Sizes add up to the segmented users, as many as the store holds memberships for.
            #expect(segments.map { $0["size"] as? Int ?? 0 }.reduce(0, +) == stored.memberships.count)
            #expect(list["users"] as? Int == stored.memberships.count)
            #expect(
                segments.allSatisfy {
                    !($0["label"] as? String ?? "").isEmpty && !($0["keywords"] as? [String] ?? []).isEmpty
                })
            // Largest first.
            let sizes = segments.map { $0["size"] as? Int ?? 0 }
            #expect(sizes == sizes.sorted(by: >))

            let first = try #require(segments.first?["id"] as? Int)
            let detail = try await server.request(.GET, "/v1/segments/\(first)").json
            let members = try #require(detail["members"] as? [String])
            #expect(members.count == detail["size"] as? Int)
            #expect(members.allSatisfy { stored.memberships[$0]?.segment == first })
            let items = detail["representative_items"] as? [[String: Any]] ?? []
            #expect(!items.isEmpty && items.allSatisfy { ($0["title"] as? String)?.isEmpty == false })
        }
    }

    @Test func recommendationsLeaveOutOwnItemsAndExplainFromTheProfile() async throws {
        try await RunningServer().serving { server async throws in
            let store = try SQLiteStore(path: server.database.path)
            let own = Set(try store.events(ofUser: "u1824").map(\.itemID))
            let profile = try await server.request(.GET, "/v1/users/u1824/profile").json
            let layers = try #require(profile["layers"] as? [String: [[String: Any]]])
            let labels = layers.mapValues { Set($0.compactMap { $0["label"] as? String }) }

            let answer = try await server.request(.GET, "/v1/users/u1824/recommendations?k=5")
            #expect(answer.status == 200)
            let items = try #require(answer.json["items"] as? [[String: Any]])
            #expect(items.count == 5)
            let ids = items.compactMap { $0["item_id"] as? String }
            #expect(Set(ids).count == 5 && own.isDisjoint(with: ids))
            let scores = items.compactMap { $0["score"] as? Double }
            #expect(scores == scores.sorted(by: >))
            for item in items {
                let reason = try #require(item["reason"] as? [String: Any])
                let layer = try #require(reason["layer"] as? String)
                let interest = try #require(reason["interest"] as? String)
                #expect(labels[layer]?.contains(interest) == true, "\(interest) is not a \(layer) interest of u1824")
                let evidence = reason["evidence"] as? [String: Any]
                #expect(own.contains(evidence?["item_id"] as? String ?? ""))
                #expect(
                    (reason["text"] as? String)?.hasPrefix(
                        "\(item["title"] as? String ?? "?"): matches your \(layer) interest") == true)
            }

            // One layer: the items nearest that layer's vector, explained by that layer alone.
            let deep = try await server.request(.GET, "/v1/users/u1824/recommendations?k=10&layer=deep").json
            let deepItems = deep["items"] as? [[String: Any]] ?? []
            #expect(deep["layer"] as? String == "deep" && deepItems.count == 10)
            #expect(deepItems.allSatisfy { ($0["reason"] as? [String: Any])?["layer"] as? String == "deep" })
            let vectors = try store.loadEmbeddings(model: try TestStore.embedder().modelID)
            let deepVector = try #require(try store.profile(user: "u1824")).deep.vector
            let reference = vectors.itemIDs.indices
                .filter { !own.contains(vectors.itemIDs[$0]) }
                .sorted {
                    VectorMath.dot(vectors.vectors.row($0), deepVector)
                        > VectorMath.dot(vectors.vectors.row($1), deepVector)
                }
                .prefix(10).map { vectors.itemIDs[$0] }
            #expect(deepItems.compactMap { $0["item_id"] as? String } == Array(reference))

            let bare = try await server.request(.GET, "/v1/users/u1824/recommendations?k=3&explain=false").json
            #expect((bare["items"] as? [[String: Any]])?.allSatisfy { $0["reason"] == nil } == true)
        }
    }

    @Test func postedEventsChangeRecommendationsAndTheProfile() async throws {
        try await RunningServer().serving { server async throws in
            let before =
                try await server.request(.GET, "/v1/users/u1824/recommendations?k=10").json["items"] as? [[String: Any]]
                ?? []
            let bought = before.prefix(3).compactMap { $0["item_id"] as? String }
            #expect(bought.count == 3)
            let events = bought.enumerated().map {
                ["user_id": "u1824", "item_id": $1, "event": "purchase", "timestamp": 1_704_600_000 + $0]
                    as [String: Any]
            }
            #expect(try await server.request(.POST, "/v1/events", body: ["events": events], key: key).status == 200)

            let after =
                try await server.request(.GET, "/v1/users/u1824/recommendations?k=10").json["items"] as? [[String: Any]]
                ?? []
            let ids = after.compactMap { $0["item_id"] as? String }
            #expect(ids.count == 10)
            #expect(Set(bought).isDisjoint(with: ids), "items just bought are recommended again")
            let surface =
                try await server.request(.GET, "/v1/users/u1824/profile").json["layers"] as? [String: [[String: Any]]]
            let evidence = Set((surface?["surface"] ?? []).flatMap { $0["evidence"] as? [String] ?? [] })
            #expect(Set(bought).isSubset(of: evidence))
        }
    }

    /// Also for a server keeping 3 profiles, whose refit reads the stored deep layers instead of those it keeps.
    @Test(arguments: [nil, 3] as [Int?]) func aUserWhoseTastesMoveChangesSegmentAndTheSegmentsAreRefitted(
        userCacheSize: Int?
    ) async throws {
        try await RunningServer(refitDrift: 0, userCacheSize: userCacheSize).serving { server async throws in
            let segments = try await server.request(.GET, "/v1/segments").json["segments"] as? [[String: Any]] ?? []
            let user = "u1824"
            let from = try #require(
                try await server.request(.GET, "/v1/users/\(user)/recommendations").json["segment"] as? Int)
            let target = try #require(segments.first { $0["id"] as? Int != from })
            let targetItems = (target["representative_items"] as? [[String: Any]] ?? []).compactMap {
                $0["item_id"] as? String
            }
            #expect(!targetItems.isEmpty)
            // Far more events on the other segment's items than the user's whole history, spread over time so
            // every window of the deep layer sees them.
            let events = (0 ..< 200).map { i in
                [
                    "user_id": user, "item_id": targetItems[i % targetItems.count], "event": "purchase",
                    "timestamp": 1_704_600_000 + i * 600
                ] as [String: Any]
            }
            #expect(try await server.request(.POST, "/v1/events", body: ["events": events], key: key).status == 200)
            let moved = try await server.request(.GET, "/v1/users/\(user)/recommendations").json["segment"] as? Int
            #expect(moved != from)

            // With a refit threshold of 0 the background task (every 50 ms) refits after any move.
            let metrics = try await server.metrics(containing: "strata_segment_refits_total 1\n")
            #expect(metrics.contains("strata_segment_refits_total 1\n"))
            #expect(try await server.request(.GET, "/v1/segments").json["drift"] as? Double == 0)
        }
    }

    @Test func coldStartRanksByTheDescriptionAndByAttributes() async throws {
        try await RunningServer().serving { server async throws in
            let description = "a smartphone with a great camera"
            let answer = try await server.request(
                .POST, "/v1/recommendations/cold-start", body: ["text": description, "k": 5]
            ).json
            let items = try #require(answer["items"] as? [[String: Any]])
            // Reference: brute-force cosine between the description's vector and every stored item vector.
            let vectors = try SQLiteStore(path: server.database.path).loadEmbeddings(
                model: try TestStore.embedder().modelID)
            let text = try TestStore.embedder().embed(description)
            let reference = vectors.itemIDs.indices
                .sorted {
                    VectorMath.dot(vectors.vectors.row($0), text) > VectorMath.dot(vectors.vectors.row($1), text)
                }
                .prefix(5).map { vectors.itemIDs[$0] }
            #expect(items.compactMap { $0["item_id"] as? String } == Array(reference))
            #expect(
                items.allSatisfy {
                    ($0["reason"] as? String)?.contains("matches your description through the topic") == true
                })
            #expect(answer["segment"] == nil)

            let byAttributes = try await server.request(
                .POST, "/v1/recommendations/cold-start",
                body: ["attributes": ["age_band": "25-34", "gender": "F"], "k": 5]
            ).json
            let segment = try #require(byAttributes["segment"] as? [String: Any])
            #expect((segment["label"] as? String)?.isEmpty == false)
            let popular = byAttributes["items"] as? [[String: Any]] ?? []
            #expect(popular.count == 5)
            #expect(popular.allSatisfy { ($0["reason"] as? String)?.contains("popular in the segment") == true })
        }
    }
}

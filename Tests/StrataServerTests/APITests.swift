import Foundation
import StrataCore
import StrataSQLite
import StrataServer
import Testing

/// The real server on a loopback port, through HTTP: every endpoint, auth and bad input.
@Suite struct APITests {
    let key = RunningServer.key

    @Test func healthOpenAPIAndMetrics() async throws {
        try await RunningServer().serving { server async throws in
            #expect(try await server.request(.GET, "/healthz").json["status"] as? String == "ok")

            let document = try await server.request(.GET, "/openapi.json").json
            let paths = Set((document["paths"] as? [String: Any] ?? [:]).keys)
            #expect(
                paths == [
                    "/v1/events", "/v1/items", "/v1/users/{id}/profile", "/v1/users/{id}/recommendations",
                    "/v1/users/{id}", "/v1/recommendations/cold-start", "/v1/segments", "/v1/segments/{id}",
                    "/v1/topics", "/v1/interests", "/v1/users/{id}/layers/history", "/v1/evaluation/layers",
                    "/healthz", "/metrics", "/openapi.json", "/"
                ])

            _ = try await server.request(.GET, "/v1/users/u1824/profile")
            let posted = try await server.request(
                .POST, "/v1/events",
                body: [
                    "events": [
                        ["user_id": "u1824", "item_id": "i001", "event": "view", "timestamp": 1_704_500_000],
                        ["user_id": "u1824", "item_id": "i002", "event": "view", "timestamp": 1_704_500_060]
                    ]
                ], key: key)
            #expect(posted.status == 200)
            let metrics = try await server.request(.GET, "/metrics").text
            #expect(metrics.contains("strata_events_ingested_total 2"))
            #expect(
                metrics.contains(
                    #"strata_http_requests_total{method="GET",route="/v1/users/{id}/profile",status="200"} 1"#)
            )
            #expect(metrics.contains("strata_http_request_duration_seconds_bucket"))
            #expect(metrics.contains("strata_segment_refits_total 0"))
        }
    }

    @Test func profilesAndTopics() async throws {
        try await RunningServer().serving { server async throws in
            let profile = try await server.request(.GET, "/v1/users/u1824/profile")
            #expect(profile.status == 200)
            let layers = try #require(profile.json["layers"] as? [String: [[String: Any]]])
            #expect(Set(layers.keys) == ["surface", "middle", "deep"])
            #expect(layers.values.allSatisfy { !$0.isEmpty })
            let stored = try SQLiteStore(path: server.database.path).events(ofUser: "u1824").count
            #expect(profile.json["event_count"] as? Int == stored)

            let unknown = try await server.request(.GET, "/v1/users/nobody/profile")
            #expect(unknown.status == 404)
            #expect(unknown.errorMessage == "user 'nobody' is not known")

            let fine = try await server.request(.GET, "/v1/topics?level=fine").json["topics"] as? [[String: Any]] ?? []
            let coarse =
                try await server.request(.GET, "/v1/topics?level=coarse").json["topics"] as? [[String: Any]] ?? []
            #expect(!fine.isEmpty && !coarse.isEmpty)
            // The sample catalog's 360 items are all in exactly one fine topic.
            #expect(fine.map { $0["size"] as? Int ?? 0 }.reduce(0, +) == 360)
            #expect(try await server.request(.GET, "/v1/topics?level=medium").status == 400)
            let missing = try await server.request(.GET, "/v2/nothing")
            #expect(missing.status == 404 && missing.errorMessage != nil)
        }
    }

    @Test func aPostedEventChangesTheProfile() async throws {
        try await RunningServer().serving { server async throws in
            let before = try await server.request(.GET, "/v1/users/u1824/profile").json
            let events: [[String: Any]] = (1 ... 5).map { n in
                ["user_id": "u1824", "item_id": "i00\(n)", "event": "purchase", "timestamp": "2024-06-0\(n)T12:00:00Z"]
            }
            let posted = try await server.request(.POST, "/v1/events", body: ["events": events], key: key)
            #expect(posted.status == 200)
            #expect(posted.json["accepted"] as? Int == 5)
            let after = try await server.request(.GET, "/v1/users/u1824/profile").json
            #expect(after["event_count"] as? Int == (before["event_count"] as? Int ?? 0) + 5)
            // Five purchases (weight 5 each) of phones outweigh the user's recent views: the top surface
            // interest is now backed by them.
            let surface = (after["layers"] as? [String: [[String: Any]]])?["surface"] ?? []
            let topEvidence = Set(surface.first?["evidence"] as? [String] ?? [])
            #expect(!topEvidence.isDisjoint(with: ["i001", "i002", "i003", "i004", "i005"]))
            let beforeSurface = (before["layers"] as? [String: [[String: Any]]])?["surface"] ?? []
            #expect(beforeSurface.first?["label"] as? String != surface.first?["label"] as? String)
            #expect(after["reference_time"] as? String == "2024-06-05T12:00:00Z")

            // A new user appears with their first batch.
            let newcomer = try await server.request(
                .POST, "/v1/events",
                body: [
                    "events": [
                        ["user_id": "newcomer", "item_id": "i010", "event": "like"]
                    ]
                ], key: key)
            #expect(newcomer.status == 200)
            #expect(try await server.request(.GET, "/v1/users/newcomer/profile").status == 200)
        }
    }

    @Test func ingestedProfilesEqualProfilesBuiltFromTheStoredEvents() async throws {
        try await RunningServer().serving { server async throws in
            // In order, reaching back in time, repeating stored events, a dislike and a typed tag.
            let batches: [[[String: Any]]] = [
                (1 ... 9).map {
                    ["user_id": "u1824", "item_id": "i00\($0)", "event": "view", "timestamp": 1_800_000_000 + $0]
                },
                [
                    ["user_id": "u1824", "item_id": "i011", "event": "purchase", "timestamp": 1_500_000_000],
                    ["user_id": "u1824", "item_id": "i012", "event": "rating", "value": 1, "timestamp": 1_800_000_100],
                    [
                        "user_id": "newcomer", "item_id": "i013", "event": "tag", "text": "Night Trains",
                        "timestamp": 1_800_000_100
                    ]
                ],
                (1 ... 9).map {
                    ["user_id": "u1824", "item_id": "i00\($0)", "event": "view", "timestamp": 1_800_000_000 + $0]
                }
            ]
            for batch in batches {
                #expect(try await server.request(.POST, "/v1/events", body: ["events": batch], key: key).status == 200)
            }
            let store = try SQLiteStore(path: server.database.path)
            let pipeline = try TestStore.pipeline(store)
            let builder = pipeline.profileBuilder(try pipeline.catalog())
            for user in ["u1824", "newcomer"] {
                let reference = builder.profile(user: user, events: try store.events(ofUser: user))
                #expect(try store.profile(user: user) == reference)
            }
        }
    }

    @Test func readsNeverSeeHalfABatch() async throws {
        try await RunningServer().serving { server async throws in
            let batches = 20
            let size = 10
            let writer = Task {
                for batch in 0 ..< batches {
                    let events = (0 ..< size).map { n -> [String: Any] in
                        [
                            "user_id": "pair", "item_id": String(format: "i%03d", n + 1), "event": "view",
                            "timestamp": 1_706_000_000 + batch * 100 + n
                        ]
                    }
                    _ = try await server.request(.POST, "/v1/events", body: ["events": events], key: key)
                }
            }
            var seen = Set<Int>()
            for _ in 0 ..< 20_000 {
                let answer = try await server.request(.GET, "/v1/users/pair/profile")
                if answer.status == 200, let count = answer.json["event_count"] as? Int { seen.insert(count) }
                if seen.contains(batches * size) { break }
            }
            try await writer.value
            #expect(seen.allSatisfy { $0 % size == 0 }, "\(seen.sorted())")
            #expect(seen.contains(batches * size))
        }
    }

    @Test func badEventsAreRefusedWithTheirPlaceAndStoreNothing() async throws {
        try await RunningServer().serving { server async throws in
            let count = try await server.request(.GET, "/v1/users/u1824/profile").json["event_count"] as? Int
            func post(_ body: Any) async throws -> RunningServer.Answer {
                try await server.request(.POST, "/v1/events", body: body, key: key)
            }
            let malformed = try await post("{\"events\": [")
            #expect(malformed.status == 400)
            #expect(malformed.errorMessage?.contains("not valid JSON") == true)
            let missing = try await post(["events": [["user_id": "u1824", "event": "view"]]])
            #expect(missing.status == 400 && missing.errorMessage == "events[0].item_id: required field is missing")
            let wrongType = try await post(["events": [["user_id": "u1824", "item_id": "i001", "event": "teleport"]]])
            #expect(
                wrongType.status == 400
                    && wrongType.errorMessage?.hasPrefix("events[0].event: unknown event type 'teleport'") == true)
            let badTime = try await post([
                "events": [["user_id": "u1824", "item_id": "i001", "event": "view", "timestamp": "yesterday"]]
            ])
            #expect(badTime.status == 400 && badTime.errorMessage?.hasPrefix("events[0].timestamp") == true)
            let unrated = try await post(["events": [["user_id": "u1824", "item_id": "i001", "event": "rating"]]])
            #expect(unrated.status == 400)
            #expect(try await post(["events": []]).status == 400)
            #expect(
                try await post([
                    "events": Array(repeating: ["user_id": "a", "item_id": "i001", "event": "view"], count: 1001)
                ]).status == 413)
            // One unknown item fails the whole batch: the good event before it is not stored either.
            let unknownItem = try await post([
                "events": [
                    ["user_id": "u1824", "item_id": "i001", "event": "view", "timestamp": 1_704_600_000],
                    ["user_id": "u1824", "item_id": "no-such-item", "event": "view", "timestamp": 1_704_600_001]
                ]
            ])
            #expect(unknownItem.status == 422)
            #expect(unknownItem.errorMessage?.contains("'no-such-item'") == true)
            #expect(try await server.request(.GET, "/v1/users/u1824/profile").json["event_count"] as? Int == count)
        }
    }

    @Test func writesNeedAValidKeyCheckedBeforeTheBody() async throws {
        try await RunningServer(maxBodyBytes: 1 << 20).serving { server async throws in
            let event = ["events": [["user_id": "u1824", "item_id": "i001", "event": "view"]]]
            let none = try await server.request(.POST, "/v1/events", body: event)
            #expect(none.status == 401 && none.errorMessage?.contains("needs an API key") == true)
            let wrong = try await server.request(.POST, "/v1/events", body: event, key: "wrong-key-0123456789")
            #expect(wrong.status == 401 && wrong.errorMessage == "the API key is not valid")
            #expect(try await server.request(.DELETE, "/v1/users/u1824").status == 401)
            #expect(
                try await server.request(.PUT, "/v1/items", body: ["items": []], key: "wrong-key-0123456789").status
                    == 401)
            // A body over the limit: refused for the key (401), so it was never read; with the key it is too large.
            let huge = String(repeating: " ", count: 2 << 20) + "{}"
            #expect(try await server.request(.POST, "/v1/events", body: huge).status == 401)
            let tooLarge = try await server.request(.POST, "/v1/events", body: huge, key: key)
            #expect(tooLarge.status == 413 && tooLarge.errorMessage?.contains("limit of 1048576 bytes") == true)
            // Reads stay open by default.
            #expect(try await server.request(.GET, "/v1/users/u1824/profile").status == 200)
        }
    }

    @Test func withoutKeysWritesAreRefused() async throws {
        try await RunningServer(keys: APIKeys([])).serving { server async throws in
            let answer = try await server.request(
                .POST, "/v1/events", body: ["events": []], key: "any-key-0123456789ab")
            #expect(answer.status == 403)
            #expect(answer.errorMessage?.contains("no API keys configured") == true)
        }
    }

    @Test func readsCanNeedAKey() async throws {
        try await RunningServer(readsNeedKey: true).serving { server async throws in
            #expect(try await server.request(.GET, "/v1/users/u1824/profile").status == 401)
            #expect(try await server.request(.GET, "/v1/topics", key: "wrong-key-0123456789").status == 401)
            #expect(try await server.request(.GET, "/v1/users/u1824/profile", key: key).status == 200)
            #expect(try await server.request(.GET, "/healthz").status == 200)
        }
    }

    @Test func itemsAreUpsertedEmbeddedAndUsable() async throws {
        try await RunningServer().serving { server async throws in
            let event = ["events": [["user_id": "u1824", "item_id": "i999", "event": "view"]]]
            #expect(try await server.request(.POST, "/v1/events", body: event, key: key).status == 422)
            let put = try await server.request(
                .PUT, "/v1/items",
                body: [
                    "items": [
                        [
                            "item_id": "i999", "title": "Orbit Mini",
                            "description": "A small phone with a great camera.",
                            "categories": ["Electronics>Phones"]
                        ],
                        ["item_id": "i001", "title": "Nova Pro Max"]
                    ]
                ], key: key)
            #expect(put.status == 200)
            #expect(put.json["inserted"] as? Int == 1)
            #expect(put.json["updated"] as? Int == 1)  // i001 lost its description and category
            #expect(put.json["embedded"] as? Int == 2)
            #expect(try await server.request(.POST, "/v1/events", body: event, key: key).status == 200)
            let store = try SQLiteStore(path: server.database.path)
            let topics = try #require(try store.topicModel(model: try TestStore.embedder().modelID))
            #expect(topics.itemTopics["i999"] == topics.itemTopics["i002"])  // a phone, among phones
            let bad = try await server.request(
                .PUT, "/v1/items", body: ["items": [["item_id": "x", "title": " "]]], key: key)
            #expect(bad.status == 400 && bad.errorMessage == "items[0].title: must not be empty")
        }
    }

    @Test func deletingAUserRemovesEverythingOfTheirs() async throws {
        try await RunningServer().serving { server async throws in
            let segment = try #require(
                try await server.request(.GET, "/v1/users/u1824/recommendations").json["segment"] as? Int)
            let before = try await server.request(.GET, "/v1/segments/\(segment)").json
            #expect((before["members"] as? [String])?.contains("u1824") == true)
            #expect(try await server.request(.DELETE, "/v1/users/u1824", key: key).status == 200)
            let after = try await server.request(.GET, "/v1/segments/\(segment)").json
            #expect((after["members"] as? [String])?.contains("u1824") == false)
            #expect(after["size"] as? Int == (before["size"] as? Int ?? 0) - 1)
            #expect((after["representative_users"] as? [String])?.contains("u1824") == false)
            #expect(try await server.request(.GET, "/v1/users/u1824/recommendations").status == 404)
            #expect(try await server.request(.GET, "/v1/users/u1824/profile").status == 404)
            #expect(try await server.request(.DELETE, "/v1/users/u1824", key: key).status == 404)
            let store = try SQLiteStore(path: server.database.path)
            #expect(try store.events(ofUser: "u1824").isEmpty)
            #expect(try store.profile(user: "u1824") == nil)
            #expect(try store.user(id: "u1824") == nil)
            #expect(try store.segmentModel(layer: .deep)?.memberships["u1824"] == nil)
            #expect(try store.events(ofUser: "u1014").isEmpty == false)
        }
    }

    @Test func recommendationParametersAreChecked() async throws {
        try await RunningServer().serving { server async throws in
            #expect(try await server.request(.GET, "/v1/users/u1824/recommendations?k=0").status == 400)
            // The sample catalog holds 360 items.
            let tooMany = try await server.request(.GET, "/v1/users/u1824/recommendations?k=361")
            #expect(tooMany.status == 400 && tooMany.errorMessage?.contains("360") == true)
            #expect(try await server.request(.GET, "/v1/users/u1824/recommendations?layer=top").status == 400)
            #expect(try await server.request(.GET, "/v1/users/u1824/recommendations?explain=maybe").status == 400)
            #expect(try await server.request(.GET, "/v1/users/nobody/recommendations").status == 404)
            #expect(
                try await server.request(.POST, "/v1/recommendations/cold-start", body: [String: Any]()).status == 400)
            #expect(
                try await server.request(.POST, "/v1/recommendations/cold-start", body: ["text": "  "]).status == 400)
            #expect(
                try await server.request(.POST, "/v1/recommendations/cold-start", body: ["text": "phones", "k": 0])
                    .status
                    == 400)
            #expect(try await server.request(.GET, "/v1/segments/nine").status == 404)
            #expect(try await server.request(.GET, "/v1/segments/9999").status == 404)
        }
    }
}

import Foundation
import StrataCore
import StrataServer
import Testing

/// The segment and recommendation routes wired to stand-in sources: what the server passes them, when
/// it calls them, and that their answers reach the client.
@Suite struct SourceWiringTests {
    /// Records every call; refits once, the first time it is asked.
    final class Segments: SegmentSource, @unchecked Sendable {
        let lock = NSLock()
        var updated = [String]()
        var removed = [String]()
        var refitAsked = 0

        func segments() throws -> any Encodable { ["segments": [["id": "s1", "name": "phone people"]]] }
        func segment(id: String) throws -> (any Encodable)? { id == "s1" ? ["id": "s1", "name": "phone people"] : nil }
        func update(profiles: [UserProfile]) throws { lock.withLock { updated += profiles.map(\.user) } }
        func remove(user: String) throws { lock.withLock { removed.append(user) } }
        func refitIfDrifted() throws -> Bool {
            lock.withLock {
                refitAsked += 1
                return refitAsked == 1
            }
        }
    }

    struct Recommendations: RecommendationSource {
        struct Answer: Encodable {
            var user: String?
            var k: Int
            var layer: String?
            var explain: Bool?
            var text: String?
        }

        func recommendations(for profile: UserProfile, k: Int, layer: LayerKind?, explain: Bool) throws -> any Encodable {
            Answer(user: profile.user, k: k, layer: layer?.rawValue, explain: explain)
        }

        func coldStart(text: String?, attributes: [String: String], k: Int) throws -> any Encodable {
            Answer(k: k, text: text)
        }
    }

    @Test func segmentRoutesUpdatesAndRefits() async throws {
        let segments = Segments()
        let server = try await RunningServer(segments: segments)
        defer { Task { await server.stop() } }
        let list = try await server.request(.GET, "/v1/segments").json["segments"] as? [[String: Any]]
        #expect(list?.first?["name"] as? String == "phone people")
        #expect(try await server.request(.GET, "/v1/segments/s1").json["id"] as? String == "s1")
        #expect(try await server.request(.GET, "/v1/segments/s9").status == 404)

        let events = ["events": [["user_id": "u1824", "item_id": "i001", "event": "view"],
                                 ["user_id": "u1014", "item_id": "i002", "event": "view"]]]
        #expect(try await server.request(.POST, "/v1/events", body: events, key: RunningServer.key).status == 200)
        #expect(segments.lock.withLock { segments.updated } == ["u1014", "u1824"])
        #expect(try await server.request(.DELETE, "/v1/users/u1014", key: RunningServer.key).status == 200)
        #expect(segments.lock.withLock { segments.removed } == ["u1014"])

        // The background task asks every 50 ms; the first answer is a refit, counted in /metrics.
        for _ in 0 ..< 100 where segments.lock.withLock({ segments.refitAsked }) < 2 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try await server.request(.GET, "/metrics").text.contains("strata_segment_refits_total 1\n"))
    }

    @Test func recommendationParametersReachTheSource() async throws {
        let server = try await RunningServer(recommendations: Recommendations())
        defer { Task { await server.stop() } }
        let answer = try await server.request(.GET, "/v1/users/u1824/recommendations?k=5&layer=deep&explain=false").json
        #expect(answer["user"] as? String == "u1824")
        #expect(answer["k"] as? Int == 5)
        #expect(answer["layer"] as? String == "deep")
        #expect(answer["explain"] as? Bool == false)
        let defaults = try await server.request(.GET, "/v1/users/u1824/recommendations").json
        #expect(defaults["k"] as? Int == 10 && defaults["layer"] == nil && defaults["explain"] as? Bool == true)
        let cold = try await server.request(.POST, "/v1/recommendations/cold-start", body: ["text": " space operas ", "k": 3]).json
        #expect(cold["text"] as? String == "space operas" && cold["k"] as? Int == 3)
    }
}

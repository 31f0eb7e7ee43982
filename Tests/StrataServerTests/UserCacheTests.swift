import Foundation
import StrataSQLite
import StrataStore
import StrataTestSupport
import Testing

@testable import StrataServer

/// `strata serve --user-cache N`: a server that keeps only N users' profiles answers every user as one
/// that keeps them all, before and after events, and a deletion, reach both.
@Suite struct UserCacheTests {
    /// Every answer about `users` that depends on their profile: the profile with its layers, the hybrid's
    /// recommendations with reasons and segment, and one layer's.
    func answers(_ server: RunningServer, for users: [String]) async throws -> [NSDictionary] {
        var answers = [NSDictionary]()
        for user in users {
            for path in [
                "/v1/users/\(user)/profile", "/v1/users/\(user)/recommendations?k=20",
                "/v1/users/\(user)/recommendations?k=5&layer=deep"
            ] {
                let answer = try await server.request(.GET, path)
                answers.append(["path": path, "status": answer.status, "body": answer.json as NSDictionary])
            }
        }
        return answers
    }

    /// The profile cache's counters in `/metrics`.
    func profileCache(_ server: RunningServer) async throws -> (hits: Int, misses: Int) {
        let metrics = try await server.request(.GET, "/metrics").text
        let count = { (name: String) in
            metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") }
                .flatMap { Int($0.split(separator: " ")[1]) } ?? 0
        }
        return (count("strata_profile_cache_hits_total"), count("strata_profile_cache_misses_total"))
    }

    @Test func aServerKeepingThreeUsersAnswersAsOneKeepingAll() async throws {
        let stored = try SQLiteStore(path: try TestStore.template.get().path).profiles().map(\.user).sorted()
        // 24 users, then again in reverse, so the small cache keeps losing and re-reading them; and an unknown one.
        let users = Array(stored.prefix(24))
        let asked = users + users.reversed() + ["nobody-7f3a"]
        try await RunningServer(refitDrift: 2).serving { whole async throws in
            try await RunningServer(refitDrift: 2, userCacheSize: 3).serving { cached async throws in
                let before = try await answers(whole, for: asked)
                #expect(try await answers(cached, for: asked) == before)
                #expect(cached.server.state.snapshots.keptUsers().count == 3)
                #expect(whole.server.state.snapshots.keptUsers().count == stored.count)
                // The first pass reads each user's profile once (the two recommendation requests after it find
                // it kept); the second finds the last three kept, reads the other 21 again, and answers their
                // recommendations from the answers kept. The unknown user is looked for three times.
                #expect(try await profileCache(cached) == (hits: 24 * 2 + 3, misses: 24 + 21 + 3))
                // Keeping every profile, the first pass finds all three requests' and the second the profiles'.
                #expect(try await profileCache(whole) == (hits: 24 * 3 + 24, misses: 0))

                // Events for a user the cache holds (the last asked), one it lost long ago and a newcomer;
                // then a deletion of a user it does not hold.
                let events: [[String: Any]] = [
                    ["user_id": users[0], "item_id": "i010", "event": "purchase", "timestamp": 1_706_000_000],
                    ["user_id": users[5], "item_id": "i020", "event": "view", "timestamp": 1_706_000_100],
                    ["user_id": users[5], "item_id": "i021", "event": "click", "timestamp": 1_706_000_200],
                    ["user_id": "newcomer-1", "item_id": "i030", "event": "view", "timestamp": 1_706_000_300]
                ]
                for server in [whole, cached] {
                    let posted = try await server.request(
                        .POST, "/v1/events", body: ["events": events], key: RunningServer.key)
                    #expect(posted.status == 200, "\(posted.text)")
                    let deleted = try await server.request(.DELETE, "/v1/users/\(users[7])", key: RunningServer.key)
                    #expect(deleted.status == 200, "\(deleted.text)")
                }
                // Both refit the recommender in the background (a user was deleted): compare after it. (Their segments
                // are never refitted: with the users as they are, one refit could come later than the other.)
                for server in [whole, cached] {
                    let metrics = try await server.metrics(containing: "strata_recommender_refits_total 1\n")
                    try #require(metrics.contains("strata_recommender_refits_total 1\n"))
                }
                let after = try await answers(cached, for: asked + ["newcomer-1"])
                let wholeAfter = try await answers(whole, for: asked + ["newcomer-1"])
                for (mine, theirs) in zip(after, wholeAfter) where mine != theirs {
                    func brief(_ answer: NSDictionary) -> String {
                        let items = ((answer["body"] as? NSDictionary)?["items"] as? [NSDictionary]) ?? []
                        return items.map { "\($0["item_id"] ?? "")=\($0["score"] ?? "")" }.joined(separator: " ")
                    }
                    Issue.record("\(mine["path"] ?? "") differs: \(brief(mine)) AGAINST \(brief(theirs))")
                }
                // The events and the deletion changed what is served.
                for user in [users[0], users[5], users[7]] {
                    let profile = try #require(asked.firstIndex(of: user)) * 3
                    #expect(after[profile] != before[profile], "\(user)'s profile")
                }
                #expect(try await cached.request(.GET, "/v1/users/\(users[7])/profile").status == 404)
                #expect(try await cached.request(.GET, "/v1/users/newcomer-1/profile").status == 200)
                #expect(cached.server.state.snapshots.keptUsers().count == 3)
            }
        }
    }
}

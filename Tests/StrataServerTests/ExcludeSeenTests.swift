import Foundation
import StrataRecommend
import StrataTestSupport
import Testing

/// `strata serve --exclude-seen`: which of a user's items the server never recommends back, for what
/// they did before it started and for the events it ingests.
@Suite struct ExcludeSeenTests {
    let user = "u1824"

    /// The user's recommended item ids, every item that may be recommended (the sample has 360).
    func recommended(_ server: RunningServer) async throws -> [String] {
        let answer = try await server.request(.GET, "/v1/users/\(user)/recommendations?k=360&explain=false")
        try #require(answer.status == 200, "\(answer.text)")
        let items = (answer.json["items"] as? [[String: Any]] ?? []).compactMap { $0["item_id"] as? String }
        try #require(items.count >= 2, "\(answer.text)")
        return items
    }

    @Test(arguments: SeenExclusion.allCases) func theServerLeavesOutWhatExcludeSeenSays(mode: SeenExclusion)
        async throws
    {
        try await RunningServer(excludeSeen: mode).serving { server async throws in
            let before = try await recommended(server)
            // The two best unseen items: one bought, one only viewed.
            let (bought, viewed) = (before[0], before[1])
            let events: [[String: Any]] = [
                ["user_id": user, "item_id": bought, "event": "purchase", "timestamp": 1_704_600_000],
                ["user_id": user, "item_id": viewed, "event": "view", "timestamp": 1_704_600_060]
            ]
            let key = RunningServer.key
            #expect(try await server.request(.POST, "/v1/events", body: ["events": events], key: key).status == 200)
            let after = try await recommended(server)
            // u1824's first events in the sample: a view and a click of i127.
            switch mode {
            case .none:
                #expect(before.contains("i127") && after.contains(bought) && after.contains(viewed))
            case .purchased:
                #expect(before.contains("i127") && !after.contains(bought) && after.contains(viewed))
            case .interacted:
                #expect(!before.contains("i127") && !after.contains(bought) && !after.contains(viewed))
            }
            #expect(!after.isEmpty)
        }
    }
}

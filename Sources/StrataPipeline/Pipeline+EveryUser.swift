import StrataCore
import StrataRecommend

extension Pipeline {
    /// Ranks every user of `recommender` (top `k`, with reasons when `explain`) block by block, handing
    /// each block's users and lists to `body` as soon as they are ranked. Each user's profile is read from
    /// the store with their block, so a recommender fitted with `profiles: []` ranks a million
    /// users holding one block's profiles instead of every user's. Users come in the store's profile
    /// order, then those without a stored profile.
    public func recommendEveryUser(
        with recommender: Recommender, k: Int, explain: Bool = false, usersPerBlock: Int = 4096,
        _ body: (_ users: [String], _ lists: [[Recommendation]]) throws -> Void
    ) throws {
        var block = [UserContext]()
        var ranked = Set<String>()
        func rankBlock() throws {
            guard !block.isEmpty else { return }
            try body(block.map(\.user), recommender.recommend(contexts: block, k: k, explain: explain))
            block.removeAll(keepingCapacity: true)
        }
        try store.forEachProfile { profile in
            guard var context = recommender.contexts[profile.user] else { return }
            context.profile = profile
            block.append(context)
            ranked.insert(profile.user)
            if block.count == usersPerBlock { try rankBlock() }
        }
        for user in recommender.users where !ranked.contains(user) {
            block.append(recommender.contexts[user]!)
            if block.count == usersPerBlock { try rankBlock() }
        }
        try rankBlock()
    }
}

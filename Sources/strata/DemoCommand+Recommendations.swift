/// The demo's recommendation stage: the hybrid's top items with reasons for the users the demo follows,
/// and cold start for a newcomer known only from a sentence.
extension Demo {
    /// The newcomer's description of their tastes.
    static let coldStartDescription = "I brew espresso at home and bake sourdough bread on weekends"

    func showRecommendations() throws {
        let pipeline = try pipeline()
        let recommender = try pipeline.recommender()
        let titles = recommender.explainer.titles
        let users = try exampleUsers()
        for (user, list) in zip(users, try recommender.recommend(users: users.map(\.id), k: 5, explain: true)) {
            print("\n" + Self.plantedText(user))
            print(Recommend.text(user: user.id, list: list, titles: titles))
        }
        print("\ncold start, a newcomer who says \"\(Self.coldStartDescription)\"")
        print(try ColdStartMatches(Self.coldStartDescription, k: 5, pipeline: pipeline).text(titles: titles, explain: true))
    }
}

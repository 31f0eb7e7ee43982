import StrataRecommend

/// The demo's recommendation stage: the hybrid's top items with reasons for the users the demo follows,
/// and cold start for a newcomer known only from a sentence.
extension Demo {
    /// The newcomer's description of their tastes, in the sample's language.
    var coldStartDescription: String {
        switch language {
        case .english: "I brew espresso at home and bake sourdough bread on weekends"
        case .chinese: "我在家自己做意式浓缩咖啡，周末烤酸种面包"
        }
    }

    /// How far the demo pulls each list toward the user's mix of interests (`strata recommend --calibration`):
    /// u0001, half laptops and half music lately, then sees both.
    static let calibration: Float = 0.5

    func showRecommendations() throws {
        let pipeline = try pipeline()
        // The blend is chosen on the sample's own validation split, as `strata recommend` chooses it.
        let catalog = try pipeline.catalog()
        var parameters = try pipeline.hybridParameters(catalog: catalog)
        parameters.calibration = Self.calibration
        let recommender = try pipeline.recommender(parameters: parameters, catalog: catalog)
        print(
            "lists pulled toward each user's mix of interests (calibration \(Self.calibration)); the number after an item "
                + "is its blended score before that re-ordering")
        let titles = recommender.explainer.titles
        let users = try exampleUsers()
        for (user, list) in zip(users, try recommender.recommend(users: users.map(\.id), k: 5, explain: true)) {
            print("\n" + Self.plantedText(user))
            print(Recommend.text(user: user.id, list: list, titles: titles))
        }
        print("\ncold start, a newcomer who says \"\(coldStartDescription)\"")
        print(
            try ColdStartMatches(coldStartDescription, k: 5, pipeline: pipeline).text(
                titles: titles, explain: true))
    }
}

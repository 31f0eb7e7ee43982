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

    /// What `strata evaluate` tunes on the bundled sample (BENCHMARKS.md, "Calibrated slates"), kept in
    /// the demo's store so that `strata recommend` on it shows what the demo shows. Its calibration pulls a
    /// list toward the user's mix of interests: u0001, half laptops and half music lately, gets both.
    static var sampleParameters: HybridParameters {
        var parameters = HybridParameters()
        parameters.weights = [
            "content-middle": 0.1, "content-surface": 0.75, "ease": 1, "ease-recent20": 0.05, "itemknn": 0.2,
            "popularity": 0.35
        ]
        parameters.easeLambda = 250
        parameters.knnShrinkage = 50
        parameters.calibration = 0.5
        return parameters
    }

    func showRecommendations() throws {
        let pipeline = try pipeline()
        try pipeline.saveHybridParameters(Self.sampleParameters)
        let recommender = try pipeline.recommender()
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

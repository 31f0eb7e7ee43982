import Foundation
import StrataCore
import StrataEmbedding
import StrataPipeline
import StrataSample

/// The demo's modelling stages: topics over the sample catalog and the layered profiles of its users,
/// shown next to what the sample's simulator planted.
extension Demo {
    /// A pipeline over the demo database, naming topics and segments through the generative model when
    /// one is configured.
    func pipeline() throws -> Pipeline {
        let pipeline = try PipelineOptions.pipeline(store: StoreOptions.at(db), model: modelOptions)
        llm.apply(to: pipeline)
        return pipeline
    }

    func showTopics() throws {
        let pipeline = try pipeline()
        let model = try pipeline.catalog().topics
        let names = pipeline.topicNames(
            model, titles: try pipeline.store.items().titlesByID())
        func label(_ topic: Topic) -> String { names[topic.id] ?? topic.label }
        print("\(model.fine.count) fine topics under \(model.coarse.count) coarse topics; the largest coarse topics:")
        for coarse in model.coarse.sorted(by: { ($0.size, $1.label) > ($1.size, $0.label) }).prefix(6) {
            let children = model.fine.filter { $0.parent == coarse.id }.map(label)
            print("  [\(coarse.id)] \(label(coarse)) — \(children.joined(separator: " | "))")
        }
        print("  … `strata topics --db \(db)` lists them all")
        LLMOptions.reportUsage(of: pipeline)
    }

    func showProfiles() throws {
        let pipeline = try pipeline()
        try pipeline.ensureProfiles(try pipeline.catalog())
        let titles = try pipeline.store.items().titlesByID()
        for planted in try exampleUsers() {
            guard let profile = try pipeline.store.profile(user: planted.id) else { continue }
            print("\n" + Self.plantedText(planted))
            print(
                Profile.text(
                    profile, configuration: pipeline.profileConfiguration, titles: titles, interestsPerLayer: 3))
        }
    }

    /// What the sample's simulator planted (its truth.json).
    func truth() throws -> GroundTruth {
        try SampleGenerator.truth(in: sampleFolder)
    }

    /// The users the demo follows through its stages: the first whose planted interest drifted and the
    /// first with a recent interest beside a stable history.
    func exampleUsers() throws -> [GroundTruth.UserTruth] {
        let users = try truth().users
        return [users.first { $0.drifting }, users.first { !$0.drifting && !$0.recent.isEmpty }].compactMap { $0 }
    }

    /// One line on what was planted for `user`.
    static func plantedText(_ user: GroundTruth.UserTruth) -> String {
        "planted for \(user.id): long-term \(user.longTerm.joined(separator: ", ")); recent \(user.recent.joined(separator: ", "))"
            + (user.driftTo.map { " (drifted to \($0))" } ?? "")
    }
}

import Foundation
import StrataCore
import StrataEmbedding
import StrataPipeline
import StrataSample

/// The demo's modelling stages: topics over the sample catalog and the layered profiles of its users,
/// shown next to what the sample's simulator planted.
extension Demo {
    /// A pipeline over the demo database.
    func pipeline() throws -> Pipeline {
        try PipelineOptions.pipeline(store: StoreOptions.at(db), model: modelOptions)
    }

    func showTopics() throws {
        let pipeline = try pipeline()
        let model = try pipeline.topics()
        print("\(model.fine.count) fine topics under \(model.coarse.count) coarse topics; the largest coarse topics:")
        for coarse in model.coarse.sorted(by: { ($0.size, $1.label) > ($1.size, $0.label) }).prefix(6) {
            let children = model.fine.filter { $0.parent == coarse.id }.map(\.label)
            print("  [\(coarse.id)] \(coarse.label) — \(children.joined(separator: " | "))")
        }
        print("  … `strata topics --db \(db)` lists them all")
    }

    func showProfiles() throws {
        let pipeline = try pipeline()
        try pipeline.ensureProfiles()
        let truth = try SampleGenerator.truth(in: URL(fileURLWithPath: sample))
        let titles = Dictionary(uniqueKeysWithValues: try pipeline.store.items().map { ($0.id, $0.title) })
        for planted in [truth.users.first { $0.drifting }, truth.users.first { !$0.drifting && !$0.recent.isEmpty }].compactMap({ $0 }) {
            guard let profile = try pipeline.store.profile(user: planted.id) else { continue }
            print("\nplanted for \(planted.id): long-term \(planted.longTerm.joined(separator: ", ")); recent \(planted.recent.joined(separator: ", "))"
                  + (planted.driftTo.map { " (drifted to \($0))" } ?? ""))
            print(Profile.text(profile, configuration: pipeline.profileConfiguration, titles: titles, interestsPerLayer: 3))
        }
    }
}

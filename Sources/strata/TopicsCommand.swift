import ArgumentParser
import Foundation
import StrataCore
import StrataPipeline

/// `strata topics`: the catalog's topic hierarchy.
struct Topics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit (when missing) and show the catalog's topics: coarse topics with their fine topics.",
        discussion: "Embeds items that lack vectors first. --refit fits the topics again from scratch.")

    @OptionGroup var options: PipelineOptions
    @Flag(help: "Fit the topics again even when the store has them.") var refit = false
    @Option(help: "The number of fine topics when fitting (default: chosen by silhouette).") var fineTopics: Int?
    @Option(help: "The number of coarse topics when fitting (default: chosen by silhouette).") var coarseTopics: Int?
    @Flag(help: #"Print {"topics": [{"id", "label", "keywords", "size", "parent", …}]} as JSON."#) var json = false

    func run() throws {
        let pipeline = try options.open()
        pipeline.topicModeler.fineTopicCount = fineTopics
        pipeline.topicModeler.coarseTopicCount = coarseTopics
        let model = try pipeline.topics(refit: refit || fineTopics != nil || coarseTopics != nil)
        let titles = Dictionary(uniqueKeysWithValues: try pipeline.store.items().map { ($0.id, $0.title) })
        print(json ? Self.json(model) : Self.text(model, titles: titles))
    }

    static func json(_ model: TopicModel) -> String {
        JSONOutput.string(TopicListView(model: model.modelID, topics: model.topics))
    }

    static func text(_ model: TopicModel, titles: [String: String]) -> String {
        var lines = ["\(model.coarse.count) coarse topics over \(model.fine.count) fine topics (\(model.itemTopics.count) items)"]
        for coarse in model.coarse.sorted(by: { $0.size > $1.size }) {
            lines.append("")
            lines.append("[\(coarse.id)] \(coarse.label)  (\(coarse.size) items)")
            for fine in model.fine.filter({ $0.parent == coarse.id }).sorted(by: { $0.size > $1.size }) {
                lines.append("    [\(fine.id)] \(fine.label)  (\(fine.size))")
                lines.append("         keywords: \(fine.keywords.prefix(6).joined(separator: ", "))")
                lines.append("         e.g. \(fine.representativeItems.map { titles[$0] ?? $0 }.joined(separator: " · "))")
            }
        }
        return lines.joined(separator: "\n")
    }
}

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
    @OptionGroup var llm: LLMOptions
    @Flag(help: "Fit the topics again even when the store has them.") var refit = false
    @Option(help: "The number of fine topics when fitting (default: chosen by silhouette).") var fineTopics: Int?
    @Option(help: "The number of coarse topics when fitting (default: chosen by silhouette).") var coarseTopics: Int?
    @Flag(help: #"Print {"topics": [{"id", "label", "keywords", "size", "parent", …}]} as JSON."#) var json = false

    func run() throws {
        let pipeline = try options.open()
        pipeline.topicModeler.fineTopicCount = fineTopics
        pipeline.topicModeler.coarseTopicCount = coarseTopics
        let model = try pipeline.catalog(refitTopics: refit || fineTopics != nil || coarseTopics != nil).topics
        let titles = try pipeline.store.items().titlesByID()
        llm.apply(to: pipeline)
        let names = pipeline.topicNames(model, titles: titles)
        print(json ? Self.json(model, names: names) : Self.text(model, titles: titles, names: names))
        LLMOptions.reportUsage(of: pipeline)
    }

    /// The topics as JSON, labelled by the generative model's `names` where it named them.
    static func json(_ model: TopicModel, names: [Int: String]) -> String {
        JSONOutput.string(TopicListView(model: model.modelID, topics: model.topics, names: names))
    }

    /// The hierarchy as text; a topic the generative model named shows its name, then its keyword label.
    static func text(_ model: TopicModel, titles: [String: String], names: [Int: String]) -> String {
        func label(_ topic: Topic) -> String { names[topic.id].map { "\($0)  [\(topic.label)]" } ?? topic.label }
        var lines = [
            "\(model.coarse.count) coarse topics over \(model.fine.count) fine topics (\(model.itemTopics.count) items)"
        ]
        for coarse in model.coarse.sorted(by: { $0.size > $1.size }) {
            lines.append("")
            lines.append("[\(coarse.id)] \(label(coarse))  (\(coarse.size) items)")
            for fine in model.fine.filter({ $0.parent == coarse.id }).sorted(by: { $0.size > $1.size }) {
                lines.append("    [\(fine.id)] \(label(fine))  (\(fine.size))")
                lines.append("         keywords: \(fine.keywords.prefix(6).joined(separator: ", "))")
                lines.append(
                    "         e.g. \(fine.representativeItems.map { titles[$0] ?? $0 }.joined(separator: " · "))")
            }
        }
        return lines.joined(separator: "\n")
    }
}

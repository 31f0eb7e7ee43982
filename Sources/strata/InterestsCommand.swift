import ArgumentParser
import Foundation
import StrataPipeline

/// `strata interests`: which topics a free text expresses, with the phrase that shows each.
struct Interests: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a free text (a review, a search, a cold-start sentence) into the topics it expresses.",
        discussion: """
            With --llm-url and --llm-scope users the LLM picks up to three fine topics, each with the words of \
            the text that show it (checked against the text); otherwise, or when its answers are rejected, the \
            three topics nearest the text's embedding, each with the clause nearest it.
            """)

    @OptionGroup var options: PipelineOptions
    @OptionGroup var llm: LLMOptions
    @Option(help: "The text to read.") var text: String
    @Flag(help: #"Print {"text", "interests": [{"topic", "label", "phrase", "score"?, "source"}]} as JSON."#)
    var json = false

    func validate() throws {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("--text must not be empty")
        }
    }

    func run() throws {
        let pipeline = try options.open()
        llm.apply(to: pipeline)
        let interests = try pipeline.interests(in: text, topics: try pipeline.catalog().topics)
        if json {
            print(JSONOutput.string(TextInterestsView(text: text, interests: interests)))
        } else {
            for interest in interests {
                let score = interest.score.map { String(format: " (%.2f)", $0) } ?? ""
                print("[\(interest.topic)] \(interest.label)\(score) — \u{201C}\(interest.phrase)\u{201D}")
            }
        }
        LLMOptions.reportUsage(of: pipeline)
    }
}

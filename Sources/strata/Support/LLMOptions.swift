import ArgumentParser
import Foundation
import StrataLLM
import StrataPipeline

/// The options of the commands that can name topics and segments with a generative model behind an
/// OpenAI-compatible endpoint; without a URL (option or `STRATA_LLM_URL`) the keyword labels stay.
struct LLMOptions: ParsableArguments {
    @Option(
        name: .customLong("llm-url"),
        help:
            "Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8080/v1 (default: $STRATA_LLM_URL; none: keyword labels)."
    )
    var url: String?
    @Option(
        name: .customLong("llm-model"),
        help: "The model name sent to it (default: $STRATA_LLM_MODEL). The key comes from $STRATA_LLM_API_KEY.")
    var model: String?
    @Option(
        name: .customLong("llm-scope"),
        help:
            "How far prompts may go: catalog (topic names), segments (also segment names) or users. Prompts never carry user ids."
    )
    var scope: LLMScope = .segments
    @Option(name: .customLong("llm-concurrency"), help: "Requests in flight at once.")
    var concurrency = 2
    @Option(name: .customLong("llm-timeout"), help: "Seconds one request may take.")
    var timeout = 60

    func validate() throws {
        guard concurrency >= 1 else {
            throw ValidationError("--llm-concurrency: expected at least 1, found \(concurrency)")
        }
        guard timeout >= 1 else { throw ValidationError("--llm-timeout: expected at least 1 second, found \(timeout)") }
    }

    /// The endpoint's configuration, `nil` without a URL.
    var configuration: LLMConfiguration? {
        guard var configuration = LLMConfiguration.resolve(url: url, model: model, scope: scope) else { return nil }
        configuration.concurrency = concurrency
        configuration.timeout = .seconds(timeout)
        return configuration
    }

    /// Makes `pipeline` name topics and segments through the endpoint, when one is configured.
    func apply(to pipeline: Pipeline) {
        if let configuration { pipeline.useLLM(configuration) }
    }

    /// Writes the endpoint's usage line on standard error, when one was configured.
    static func reportUsage(of pipeline: Pipeline) {
        guard let namer = pipeline.namer else { return }
        StandardError.write("strata: \(namer.client.usage.summary)\n")
    }
}

extension LLMScope: ExpressibleByArgument {}

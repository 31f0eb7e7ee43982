import ArgumentParser
import Foundation
import StrataCore
import StrataLLM
import StrataPipeline

/// `strata profile`: a user's three interest layers.
struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a user's surface, middle and deep interest layers, or compute every user's.",
        discussion: "Runs the stages it needs first (embedding items, fitting topics).")

    @OptionGroup var options: PipelineOptions
    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var llm: LLMOptions
    @Option(help: "The user to show.") var user: String?
    @Flag(help: "(Re)compute and store the profiles of all users.") var all = false
    @Flag(
        help:
            #"Stream every user's three layers as JSON Lines, one user a line: {"user_id", "layers": {"surface": {"interests": [{"topic", "label", "weight", "evidence"}], "categories": {…}}, "middle": …, "deep": …}}."#
    )
    var allUsers = false
    @Option(help: "Output format of --all-users: jsonl (the only one).") var format = Format.jsonl
    @Option(help: "Write --all-users to this file instead of standard output (in place only when complete).")
    var output: String?
    @Flag(
        help: ArgumentHelp(
            "Explain each layer in one or two sentences grounded in the user's items.",
            discussion:
                "Written by the LLM when one is configured with --llm-scope users; otherwise, or when its answers are "
                + "rejected twice, by a template (with one warning)."))
    var explain = false
    @Flag(
        help:
            #"Print {"user", "event_count", "reference_time", "layers": {"surface": [{"label", "weight", "evidence", "topic"}], "middle": […], "deep": […]}, "explanation"?: {"surface": …}, "explanation_source"?: {…}} as JSON, as the API answers."#
    )
    var json = false

    /// `--format`: what `--all-users` writes.
    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl }

    func validate() throws {
        guard [user != nil, all, allUsers].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --user ID, --all or --all-users")
        }
        guard !(explain && user == nil) else { throw ValidationError("--explain explains one --user") }
        guard output == nil || allUsers else { throw ValidationError("--output writes --all-users") }
    }

    func run() throws {
        let writer = try allUsers ? OutputWriter(path: output) : nil  // an unwritable --output fails first
        let pipeline = try options.open()
        pipeline.profileConfiguration = try profileOptions.configuration(over: pipeline.profileConfiguration)
        let catalog = try pipeline.catalog()
        if let writer {
            try pipeline.ensureProfiles(catalog)
            try pipeline.forEachProfileLine { try writer.writeLine(JSONOutput.string($0)) }
            try writer.finish()
            return
        }
        if all {
            let count = try pipeline.computeAllProfiles(catalog)
            print(json ? JSONOutput.string(["profiles": count]) : "computed the interest profiles of \(count) users")
            return
        }
        guard let user else { return }
        guard let profile = try pipeline.profile(user: options.storedUser(user), catalog: catalog) else {
            throw CommandError("user '\(user)' has no events in \(options.store.name)")
        }
        let titles = try pipeline.store.items().titlesByID()
        llm.apply(to: pipeline)
        let explanations = explain ? pipeline.explanations(profile, titles: titles) : nil
        print(
            json
                ? Self.json(profile, explanations: explanations)
                : Self.text(
                    profile, configuration: pipeline.profileConfiguration, titles: titles, explanations: explanations)
        )
        if explain { LLMOptions.reportUsage(of: pipeline) }
    }

    static func json(_ profile: UserProfile, explanations: [LayerKind: LayerExplanation]? = nil) -> String {
        JSONOutput.string(ProfileView(profile, explanations: explanations))
    }

    /// The three layers as a small tree, each with at most `interestsPerLayer` interests and its
    /// explanation, when given.
    static func text(
        _ profile: UserProfile, configuration: ProfileConfiguration, titles: [String: String],
        interestsPerLayer: Int = .max, explanations: [LayerKind: LayerExplanation]? = nil
    ) -> String {
        var lines = [
            "user \(profile.user): \(profile.eventCount) events, decay measured from \(Timestamp.iso8601(profile.referenceTime))"
        ]
        let headings: [LayerKind: String] = [
            .surface: "surface — the latest \(configuration.surfaceSize) interactions",
            .middle: "middle — topics, half-life \(Int(configuration.halfLifeDays)) days",
            .deep: "deep — stable across \(configuration.windowCount) windows of the history"
        ]
        for kind in LayerKind.allCases {
            lines.append(headings[kind]!)
            if let explanation = explanations?[kind] { lines.append("  \(explanation.text)") }
            let interests = Array(profile.layer(kind).interests.prefix(interestsPerLayer))
            if interests.isEmpty { lines.append("  (none)") }
            for (index, interest) in interests.enumerated() {
                let branch = index == interests.count - 1 ? "└─" : "├─"
                let evidence = interest.evidence.map { titles[$0] ?? $0 }.joined(separator: " · ")
                lines.append(String(format: "  %@ %.2f  %@", branch, interest.weight, interest.label))
                lines.append("  \(index == interests.count - 1 ? " " : "│")        from: \(evidence)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

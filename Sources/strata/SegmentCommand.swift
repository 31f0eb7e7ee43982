import ArgumentParser
import Foundation
import StrataCore
import StrataImport
import StrataPipeline

/// `strata segment`: interest segments of users, per profile layer.
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Group users with similar interests into labelled segments, and keep them current.",
        discussion: """
            Runs the stages it needs first (embedding, topics, profiles). Segments are stored with the settings they \
            were fitted with, which a later run takes for the --algorithm and --k it is not given: it reuses the \
            segments while the profiles are unchanged, refits them with those settings when the profiles changed, \
            and refits when a given --algorithm, --k or --k-range differs. A refit keeps the ids of segments that stay \
            alike. Without a --k, the number of segments is chosen within --k-range, and the table says why; each \
            segment shows its size, cohesion, stability under refits on half the users, and the interests that set \
            it apart with their lift (the share of its members holding the interest over the share of all users). \
            --apply-events FILE stores new events and updates the touched users' profiles and segments incrementally.
            """)

    @OptionGroup var options: PipelineOptions
    @OptionGroup var llm: LLMOptions
    @Option(help: "The profile layer to segment: surface, middle or deep.") var layer: LayerKind = .deep
    @Option(
        help: "kmeans, minibatch, gmm, agglomerative or hdbscan (default: the stored segments' algorithm, else kmeans)."
    )
    var algorithm: Segmenter.Algorithm?
    @Option(
        help:
            "The number of segments, or auto (chosen within --k-range, or by BIC for gmm); default: the stored segments' k, else auto."
    )
    var k: String?
    @Option(
        name: .customLong("k-range"),
        help: """
            The numbers of segments auto may choose from, as LOW-HIGH (default: the stored segments' range, else \
            \(Segmenter.defaultKRange.lowerBound)-\(Segmenter.defaultKRange.upperBound)). Of the ks in it, the best \
            silhouette among those whose segments each hold at least 1% of the users and have an interest of lift ≥ 1.5.
            """)
    var kRange: String?
    @Flag(help: "Fit the segments again even when the stored ones are current.") var refit = false
    @Option(help: "Show one segment in detail.") var show: Int?
    @Option(help: "Apply the events of this CSV/JSONL file (import format) through the dynamic path.") var applyEvents:
        String?
    @Flag(
        help:
            #"Print {"layer", "algorithm", "users", "drift", "stability", "k_choice": {"lower", "upper", "k", "segments", "reason", "candidates", …}, "segments": [{"id", "label", "size", "cohesion", "stability", "distinctive_interests": [{"topic", "label", "share", "population_share", "lift"}], "keywords", "topics": [{"id", "label"}], …}], "assignments": [{"user", "segment", "memberships"}]} as JSON, as the API lists segments."#
    )
    var json = false

    func validate() throws {
        if let k, k != "auto", !(Int(k).map { $0 >= 2 } ?? false) {
            throw ValidationError("--k: expected auto or a whole number of at least 2, found '\(k)'")
        }
        if let kRange {
            _ = try Self.range(kRange)
            if let k, k != "auto" {
                throw ValidationError(
                    "--k \(k) fixes the number of segments; --k-range is for --k auto, give one of them")
            }
        }
    }

    /// The range of `--k-range LOW-HIGH`.
    static func range(_ text: String) throws -> ClosedRange<Int> {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false).map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low >= 2, low <= high else {
            throw ValidationError(
                "--k-range: expected LOW-HIGH with whole numbers 2 ≤ LOW ≤ HIGH, such as 5-40, found '\(text)'")
        }
        return low ... high
    }

    func run() throws {
        let pipeline = try options.open()
        if algorithm != nil || k != nil || kRange != nil {
            // What is not given stays as the stored segments of the layer have it.
            var segmenter = try pipeline.segmentSettings(layer: layer).segmenter
            if let algorithm { segmenter.algorithm = algorithm }
            if let k { segmenter.k = Int(k) }
            if let kRange {
                segmenter.kRange = try Self.range(kRange)
                segmenter.k = nil
            }
            pipeline.segmentation.chosen[layer] = segmenter
        }
        let catalog = try pipeline.catalog()
        var (model, changes) =
            refit
            ? try pipeline.refitSegments(layer: layer, catalog: catalog)
            : (try pipeline.segments(layer: layer, catalog: catalog), nil)
        var applied: SegmentListView.Applied?
        if let applyEvents {
            let events = try Importer.readEvents(from: URL(fileURLWithPath: applyEvents)).map(
                options.store.userIDs().stored)
            let result: AppliedEvents
            do {
                result = try pipeline.applyEvents(events)
            } catch let error as PipelineError {
                throw CommandError("\(applyEvents): \(error); nothing was applied")
            }
            model = try pipeline.segments(layer: layer, catalog: catalog)
            applied = SegmentListView.Applied(
                events: events.count, users: result.users.count, update: result.segments[layer])
            changes = nil
        }
        let titles = try pipeline.store.items().titlesByID()
        let topics = catalog.topics
        llm.apply(to: pipeline)
        defer { LLMOptions.reportUsage(of: pipeline) }
        if let show {
            guard let segment = model.segment(show) else {
                throw CommandError(
                    "there is no segment \(show) in the \(layer.rawValue) layer; ids: \(model.segments.map(\.id))")
            }
            let names = LabelNames(
                topics: pipeline.topicNames(topics, titles: titles),
                segments: pipeline.segmentNames(model, titles: titles))
            print(
                json
                    ? JSONOutput.string(SegmentView(segment, topics: topics, titles: titles, names: names))
                    : SegmentOutput.detail(segment, model: model, topics: topics, titles: titles, names: names))
            return
        }
        let names = LabelNames(segments: pipeline.segmentNames(model, titles: titles))
        if json {
            var view = SegmentListView(model, topics: topics, titles: titles, names: names).withAssignments(of: model)
            view.applied = applied
            view.userIDs = try options.store.userIDs().form
            view.changes = changes.map(SegmentListView.Changes.init)
            print(JSONOutput.string(view))
        } else {
            if let applied {
                print("applied \(applied.events) events of \(applied.users) users: \(applied.moved) changed segment")
            }
            if let changes { print(SegmentOutput.text(changes)) }
            print(SegmentOutput.table(model, names: names.segments))
        }
    }
}

extension LayerKind: ExpressibleByArgument {}
extension Segmenter.Algorithm: ExpressibleByArgument {}

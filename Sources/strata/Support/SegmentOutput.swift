import Foundation
import StrataCore
import StrataPipeline

/// How `strata segment` prints segments: a table, one segment in detail, or JSON objects.
enum SegmentOutput {
    /// One line per segment, largest first; a segment the generative model named shows its name, then its
    /// keyword label in brackets.
    static func table(_ model: SegmentModel, names: [Int: String]) -> String {
        var lines = [
            "\(model.segments.count) \(model.layer.rawValue)-layer segments of \(model.memberships.count) users (\(model.algorithm))",
            "  id   size  cohesion  label — keywords"
        ]
        for segment in model.segmentsBySize {
            lines.append(
                String(format: "%4d  %5d  %8.3f  ", segment.id, segment.size, segment.cohesion)
                    + "\(names[segment.id].map { "\($0)  [\(segment.label)]" } ?? segment.label) — \(segment.keywords.prefix(5).joined(separator: ", "))"
            )
        }
        return lines.joined(separator: "\n")
    }

    static func detail(
        _ segment: Segment, model: SegmentModel, topics: TopicModel, titles: [String: String], names: LabelNames
    ) -> String {
        let secondary = model.memberships.values.filter {
            $0.segment != segment.id && $0.memberships.contains { $0.segment == segment.id }
        }.count
        return [
            "segment \(segment.id): \(names.segments[segment.id].map { "\($0)  [\(segment.label)]" } ?? segment.label)",
            "  size \(segment.size) users (and \(secondary) more with a weaker membership), cohesion \(String(format: "%.3f", segment.cohesion))",
            "  keywords: \(segment.keywords.joined(separator: ", "))",
            "  topics: \(segment.topics.map { names.topics[$0] ?? topics.topic($0).label }.joined(separator: " · "))",
            "  representative users: \(segment.representativeUsers.joined(separator: ", "))",
            "  representative items: \(segment.representativeItems.map { titles[$0] ?? $0 }.joined(separator: " · "))"
        ].joined(separator: "\n")
    }

    static func text(_ changes: SegmentChanges) -> String {
        func flows(_ list: [SegmentChanges.Flow]) -> String {
            list.isEmpty
                ? "none"
                : list.map {
                    "\($0.from.map(String.init).joined(separator: "+"))→\($0.to.map(String.init).joined(separator: "+"))"
                }.joined(separator: ", ")
        }
        return "re-segmented: born \(changes.births), died \(changes.deaths), merges \(flows(changes.merges)), "
            + "splits \(flows(changes.splits)); \(changes.movedUsers.count) of \(changes.comparedUsers) users moved"
    }
}

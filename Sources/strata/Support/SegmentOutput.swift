import Foundation
import StrataCore
import StrataPipeline

/// How `strata segment` prints segments: a table, one segment in detail, or JSON objects.
enum SegmentOutput {
    /// One line per segment, largest first, after how the number of segments was chosen: size, cohesion,
    /// stability under refits on half the users, and the label with the interests that set the segment apart
    /// and their lift; a segment the generative model named shows its name, then its label in brackets.
    static func table(_ model: SegmentModel, names: [Int: String]) -> String {
        var lines = [
            "\(model.segments.count) \(model.layer.rawValue)-layer segments of \(model.memberships.count) users (\(model.algorithm))"
        ]
        if let choice = model.countChoice {
            lines.append("  why \(model.segments.count): \(choice.reason)")
        }
        if let stability = model.stability {
            lines.append(
                String(
                    format: "  stability: adjusted Rand index %.3f between this fit and refits on half the users",
                    stability))
        }
        lines.append(
            "  id   size  cohesion  stability  label — distinctive interests: lift (members holding it / all users)")
        for segment in model.segmentsBySize {
            lines.append(
                String(format: "%4d  %5d  %8.3f  ", segment.id, segment.size, segment.cohesion)
                    + (segment.stability.map { String(format: "%9.2f", $0) } ?? "        –")
                    + "  \(names[segment.id].map { "\($0)  [\(segment.label)]" } ?? segment.label) — "
                    + (segment.distinctiveInterests.map { interests($0.prefix(3)) }
                        ?? segment.keywords.prefix(5).joined(separator: ", ")))
        }
        return lines.joined(separator: "\n")
    }

    /// "Sci-Fi ×2.10 (64% / 30%), …".
    static func interests(_ list: some Sequence<DistinctiveInterest>) -> String {
        list.map {
            "\($0.label) "
                + String(format: "×%.2f (%.0f%% / %.0f%%)", $0.lift, 100 * $0.share, 100 * $0.populationShare)
        }.joined(separator: ", ")
    }

    static func detail(
        _ segment: Segment, model: SegmentModel, topics: TopicModel, titles: [String: String], names: LabelNames
    ) -> String {
        let secondary = model.memberships.values.filter {
            $0.segment != segment.id && $0.memberships.contains { $0.segment == segment.id }
        }.count
        var lines = [
            "segment \(segment.id): \(names.segments[segment.id].map { "\($0)  [\(segment.label)]" } ?? segment.label)",
            "  size \(segment.size) users (and \(secondary) more with a weaker membership), cohesion \(String(format: "%.3f", segment.cohesion))"
                + (segment.stability.map {
                    String(format: ", stability %.2f (members kept together by refits on half the users)", $0)
                } ?? "")
        ]
        if let distinctive = segment.distinctiveInterests, !distinctive.isEmpty {
            lines.append("  distinctive interests: lift (members holding it / all users)")
            lines += distinctive.map { "    " + interests([$0]) }
        }
        lines += [
            "  keywords: \(segment.keywords.joined(separator: ", "))",
            "  topics: \(segment.topics.map { names.topics[$0] ?? topics.topic($0).label }.joined(separator: " · "))",
            "  representative users: \(segment.representativeUsers.joined(separator: ", "))",
            "  representative items: \(segment.representativeItems.map { titles[$0] ?? $0 }.joined(separator: " · "))"
        ]
        return lines.joined(separator: "\n")
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

import ArgumentParser
import Foundation
import StrataCore
import StrataPipeline
import StrataStore

/// `strata stats`: what the store holds.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Counts of users, items and events (total and per type) and the events' time range.")

    @OptionGroup var store: StoreOptions

    @Flag(
        help:
            "Print the counts as one JSON object (keys users, items, events, events_by_type, first_event, last_event).")
    var json = false

    func run() throws {
        let stats = try store.open().stats()
        print(json ? stats.json : stats.text)
    }
}

extension StoreStats {
    var json: String { JSONOutput.string(StoreStatsView(self)) }

    var text: String {
        let n = { (value: Int) in value.formatted(.number) }
        var lines = ["users  \(n(users))", "items  \(n(items))", "events \(n(events))"]
        for type in EventType.allCases {
            if let count = eventsByType[type.rawValue] { lines.append("  \(type.rawValue) \(n(count))") }
        }
        if let firstEvent, let lastEvent {
            lines.append("from   \(Timestamp.iso8601(firstEvent))")
            lines.append("to     \(Timestamp.iso8601(lastEvent))")
        }
        return lines.joined(separator: "\n")
    }
}

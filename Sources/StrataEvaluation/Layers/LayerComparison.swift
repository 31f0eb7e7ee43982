import StrataCore

/// `strata evaluate --layers`: the layers as built now, and as built with the settings `LayerTuner` chose
/// on the train events, on the same test period.
public struct LayerComparison: Codable, Sendable {
    public var before: LayerReport
    public var after: LayerReport
    public var chosen: ProfileConfiguration
    public var defaults: ProfileConfiguration

    public init(before: LayerReport, after: LayerReport, chosen: ProfileConfiguration, defaults: ProfileConfiguration) {
        self.before = before
        self.after = after
        self.chosen = chosen
        self.defaults = defaults
    }

    /// The options that build the chosen layers, as `strata profile` takes them.
    public var options: String {
        var parts = [
            "--surface-decay \(chosen.surfaceDecay)", "--half-life-days \(chosen.halfLifeDays)",
            "--windows \(chosen.windowCount)"
        ]
        for (type, weight) in chosen.eventWeights.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where defaults.eventWeights[type] != weight {
            parts.append("--event-weight \(type.rawValue)=\(weight)")
        }
        return parts.joined(separator: " ")
    }

    public var table: String {
        [
            "## as built now", before.table, "", "## with the settings chosen on the train events: \(options)",
            after.table
        ].joined(separator: "\n")
    }
}

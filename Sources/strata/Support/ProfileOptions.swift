import ArgumentParser
import StrataCore

/// The profile-building knobs, with DESIGN.md's defaults.
struct ProfileOptions: ParsableArguments {
    @Option(help: "Half-life of the middle layer's time decay, in days.") var halfLifeDays = 90.0
    @Option(help: "How many of the latest interactions make the surface layer.") var surfaceSize = 20
    @Option(help: "How much each older surface interaction counts relative to the one after it, in (0, 1].")
    var surfaceDecay = 1.0
    @Option(help: "How many equal-count windows of the history the deep layer compares.") var windows = 4
    @Option(
        parsing: .singleValue, help: "An event type's weight, e.g. purchase=5 (repeatable; ratings weigh rating/5).")
    var eventWeight: [String] = []

    /// The configuration these options describe.
    func configuration() throws -> ProfileConfiguration {
        guard halfLifeDays > 0, surfaceSize > 0, windows > 0 else {
            throw ValidationError("--half-life-days, --surface-size and --windows must be positive")
        }
        guard surfaceDecay > 0, surfaceDecay <= 1 else {
            throw ValidationError("--surface-decay must be in (0, 1], got \(surfaceDecay)")
        }
        var configuration = ProfileConfiguration()
        configuration.halfLifeDays = halfLifeDays
        configuration.surfaceSize = surfaceSize
        configuration.surfaceDecay = surfaceDecay
        configuration.windowCount = windows
        for setting in eventWeight {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let type = EventType(name: parts[0]), let weight = Double(parts[1]) else {
                throw ValidationError(
                    "--event-weight \(setting): expected TYPE=NUMBER with TYPE one of \(EventType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            configuration.eventWeights[type] = weight
        }
        return configuration
    }
}

import ArgumentParser
import StrataCore

/// The profile-building knobs. Each one given replaces the store's setting (what `strata evaluate --layers`
/// chose for it, else DESIGN.md's default, shown in the help).
struct ProfileOptions: ParsableArguments {
    @Option(help: "Half-life of the middle layer's time decay, in days (default 90).") var halfLifeDays: Double?
    @Option(help: "How many of the latest interactions make the surface layer (default 20).") var surfaceSize: Int?
    @Option(
        help:
            "How much each older surface interaction counts relative to the one after it, in (0, 1] (default 1).")
    var surfaceDecay: Double?
    @Option(help: "How many equal-count windows of the history the deep layer compares (default 4).") var windows: Int?
    @Option(
        parsing: .singleValue, help: "An event type's weight, e.g. purchase=5 (repeatable; ratings weigh rating/5).")
    var eventWeight: [String] = []

    func validate() throws {
        guard
            [halfLifeDays.map { $0 > 0 }, surfaceSize.map { $0 > 0 }, windows.map { $0 > 0 }].allSatisfy({ $0 ?? true })
        else {
            throw ValidationError("--half-life-days, --surface-size and --windows must be positive")
        }
        if let surfaceDecay, !(surfaceDecay > 0 && surfaceDecay <= 1) {
            throw ValidationError("--surface-decay must be in (0, 1], got \(surfaceDecay)")
        }
        _ = try configuration(over: ProfileConfiguration())
    }

    /// `base` (the store's settings) with the options given applied over it.
    func configuration(over base: ProfileConfiguration) throws -> ProfileConfiguration {
        var configuration = base
        if let halfLifeDays { configuration.halfLifeDays = halfLifeDays }
        if let surfaceSize { configuration.surfaceSize = surfaceSize }
        if let surfaceDecay { configuration.surfaceDecay = surfaceDecay }
        if let windows { configuration.windowCount = windows }
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

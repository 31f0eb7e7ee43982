/// The knobs of profile building, with DESIGN.md's defaults.
public struct ProfileConfiguration: Codable, Equatable, Sendable {
    /// Weight of each event type; ratings use `ratingScale` instead.
    public var eventWeights: [EventType: Double] = [
        .view: 1, .click: 1, .like: 2, .cart: 3, .purchase: 5, .review: 2, .tag: 2, .search: 1
    ]
    /// A rating `r` weighs `r / ratingScale`.
    public var ratingScale = 5.0
    /// Ratings below this count against the interest (weight −(1 − r/scale)); `nil` never does.
    public var dislikeBelow: Double? = 2.0
    /// Half-life of the middle layer's exponential time decay, in days.
    public var halfLifeDays = 90.0
    /// How many of the latest interactions make the surface layer.
    public var surfaceSize = 20
    /// How much each older interaction of the surface layer counts relative to the one after it (1 = all alike).
    public var surfaceDecay = 1.0
    /// How many equal-count windows the deep layer splits the history into.
    public var windowCount = 4
    /// How many interests each layer keeps.
    public var interestsPerLayer = 10
    /// How many evidence items each interest keeps.
    public var evidencePerInterest = 3

    public init() {}

    /// The weight of one event under this configuration.
    public func weight(of event: Event) -> Double {
        weight(type: event.type, value: event.value)
    }

    /// The weight of an event of `type` that came with `value`.
    public func weight(type: EventType, value: Double?) -> Double {
        if type == .rating, let r = value {
            if let dislikeBelow, r < dislikeBelow { return -(1 - r / ratingScale) }
            return r / ratingScale
        }
        return eventWeights[type] ?? 1
    }
}

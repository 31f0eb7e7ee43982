import StrataCore

/// Chooses, for one store, how its layers are built so each wins at its own horizon: on the protocol's
/// train events only (the layer evaluation splits them again, so the test period stays out), the surface
/// layer's recency decay and the event types' weights, then the middle layer's half-life, then the deep
/// layer's number of windows — each by its layer's NDCG@k at its horizon (topics), a setting replacing the
/// one before it only when it scores higher.
public struct LayerTuner {
    public var evaluation: LayerEvaluation
    /// Builds the profiles a configuration describes.
    public var builder: (ProfileConfiguration) -> ProfileBuilder
    /// Receives one line per setting tried.
    public var log: (String) -> Void = { _ in }

    public var surfaceDecays = [1.0, 0.9, 0.8, 0.7, 0.5]
    public var halfLivesDays = [90.0, 1, 3, 7, 30, 365]
    public var windowCounts = [4, 1, 2, 8]

    /// A tuner over `evaluation`'s events, topics and categories (its builder is replaced per setting).
    public init(evaluation: LayerEvaluation, builder: @escaping (ProfileConfiguration) -> ProfileBuilder) {
        self.evaluation = evaluation
        self.builder = builder
    }

    /// The chosen configuration, starting from `base` (each setting tried is logged).
    public func run(from base: ProfileConfiguration) throws -> ProfileConfiguration {
        let split = TemporalSplit(
            evaluation.events.filter(\.type.isInteraction).map {
                Interaction(user: $0.userID, item: $0.itemID, timestamp: $0.timestamp)
            })
        let train = Set(split.train)
        var validation = evaluation
        validation.events = evaluation.events.filter {
            train.contains(Interaction(user: $0.userID, item: $0.itemID, timestamp: $0.timestamp))
        }
        var chosen = base
        var uniform = base
        uniform.eventWeights = uniform.eventWeights.mapValues { _ in 1 }
        let weightings = [("default weights", base.eventWeights), ("every event type 1", uniform.eventWeights)]
        chosen = try best(
            of: weightings.flatMap { name, weights in
                variants(of: chosen, surfaceDecays, label: { "\(name), surface decay \($0)" }) {
                    ($0.eventWeights, $0.surfaceDecay) = (weights, $1)
                }
            }, horizon: .nextEvents, on: validation)
        chosen = try best(
            of: variants(of: chosen, halfLivesDays, label: { "half-life \($0) days" }) { $0.halfLifeDays = $1 },
            horizon: .nextWeeks, on: validation)
        chosen = try best(
            of: variants(of: chosen, windowCounts, label: { "\($0) windows" }) { $0.windowCount = $1 },
            horizon: .remainder, on: validation)
        return chosen
    }

    /// `base` with each of `values` set by `set`, each labelled by `label`.
    private func variants<Value>(
        of base: ProfileConfiguration, _ values: [Value], label: (Value) -> String,
        set: (inout ProfileConfiguration, Value) -> Void
    ) -> [(label: String, configuration: ProfileConfiguration)] {
        values.map { value in
            var configuration = base
            set(&configuration, value)
            return (label(value), configuration)
        }
    }

    /// The configuration of `candidates` (the first is the incumbent) whose layer scores the highest NDCG@k
    /// at `horizon` on `validation`.
    private func best(
        of candidates: [(label: String, configuration: ProfileConfiguration)], horizon: LayerEvaluation.Horizon,
        on validation: LayerEvaluation
    ) throws -> ProfileConfiguration {
        var best: (ndcg: Double, configuration: ProfileConfiguration)?
        for (label, configuration) in candidates {
            var trial = validation
            trial.builder = builder(configuration)
            let row = try trial.run().rows.first {
                $0.horizon == horizon && $0.level == .topics && $0.predictor == horizon.layer.rawValue
            }
            let ndcg = row?.ndcgAtK ?? 0
            log(
                String(
                    format: "layers: %@ %@: validation NDCG@%d %.4f", horizon.layer.rawValue, label, validation.k, ndcg)
            )
            if best == nil || ndcg > best!.ndcg { best = (ndcg, configuration) }
        }
        return best!.configuration
    }
}

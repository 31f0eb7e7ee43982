import ArgumentParser
import StrataEvaluation
import StrataPipeline

/// How `recommend`, `serve` and `evaluate` choose the hybrid on the store's own data.
struct TuningOptions: ParsableArguments {
    @Option(
        help:
            "Seconds the model search may take on the store's validation split (big stores are sampled; cut short, it keeps the best so far)."
    )
    var tuneBudget = ModelSearch.Settings().budgetSeconds
    @Flag(
        help:
            "Do not search: use the parameters an older `strata evaluate` stored, else the defaults (tuned on ml-latest-small)."
    )
    var noTune = false

    func validate() throws {
        guard tuneBudget > 0 else { throw ValidationError("--tune-budget must be above 0 seconds, got \(tuneBudget)") }
    }

    /// The search's settings, `nil` under `--no-tune`.
    var settings: ModelSearch.Settings? { noTune ? nil : ModelSearch.Settings(budgetSeconds: tuneBudget) }

    /// Sets how `pipeline` chooses the hybrid.
    func apply(to pipeline: Pipeline) { pipeline.tuning = settings }
}

import StrataCore
import StrataPipeline
import StrataStore

/// The write side of the serving state: the pipeline and what writes remember between them. Only
/// reached through `ServingState.writer`, so one write at a time.
struct Writer {
    let pipeline: Pipeline
    /// The histories of the users who sent events since the profile builder was last replaced
    /// (`Pipeline.ingest`), as many as the server keeps profiles.
    var histories: KeptHistories
    /// For each refit fitting outside the lock, the users who changed since it read its inputs
    /// (`ServingState.refit`); no entry while that refit is not fitting.
    var changedDuringFit = [FitKind: Set<String>]()
    /// On a shared store, the number of the stored segment fit served (`SharedStore.segmentFitNumber`).
    var segmentFitNumber = 0

    init(pipeline: Pipeline, historyLimit: Int) {
        self.pipeline = pipeline
        histories = KeptHistories(limit: historyLimit)
    }

    /// The most histories kept between batches.
    var historyLimit: Int { histories.limit }

    /// Records that `users` changed, for the refits in `fits` that are fitting.
    mutating func noteChanged(_ users: some Sequence<String>, for fits: [FitKind] = FitKind.allCases) {
        let users = Set(users)
        for fit in fits { changedDuringFit[fit]?.formUnion(users) }
    }

    /// The deep-layer segments; none while fewer than 3 users have a deep layer (the background task
    /// fits them once enough have).
    func deepSegments(catalog: CatalogStages) throws -> SegmentModel {
        do {
            return try pipeline.segments(layer: .deep, catalog: catalog)
        } catch SegmentError.tooFewUsers {
            pipeline.log("too few users to segment yet; segments are fitted once 3 users have a deep layer")
            return SegmentModel(
                layer: .deep, algorithm: "none", segments: [], memberships: [:], nextID: 0, temperature: 1,
                centroidWeights: [])
        }
    }

    /// Puts the deep-layer segments another process fitted and stored into `snapshot` when their fit is
    /// newer than the one served (of the `known` users, those the stored model lacks are assigned to it,
    /// with their `profiles`); `false` when there are none, or the store is not shared.
    mutating func adoptFittedSegments(
        into snapshot: inout ServingState.Snapshot, known: [String],
        profiles: (_ users: [String], _ writer: Writer) throws -> [UserProfile]
    ) throws -> Bool {
        guard let shared = pipeline.sharedStore else { return false }
        let number = try shared.segmentFitNumber(layer: .deep)
        guard number > segmentFitNumber, var model = try shared.segmentModel(layer: .deep) else { return false }
        segmentFitNumber = number
        let missing = try profiles(known.filter { model.memberships[$0] == nil }.sorted(), self)
        try pipeline.reassign(missing, in: &model)
        pipeline.log("serving the segments another process fitted (fit \(number))")
        snapshot.serve(model)
        return true
    }
}

import StrataCore
import StrataPipeline
import StrataRecommend
import StrataStore

extension ServingState {
    /// Refits one model, holding its fit lock (`Store.whileFitting`: one process at a time, on a shared
    /// store one of all the processes) but not the writer during the fit: `start` (holding the writer)
    /// decides from the current snapshot whether `fit` is due and reads its inputs (`nil`: not due);
    /// `fitting` fits them unlocked; `reconcile` (holding the writer again) brings the fitted model up to
    /// date with the users who changed meanwhile and puts it into the next snapshot, which is then
    /// published. `true` when it refitted; `false` when not due or another holder is fitting.
    func refit<Inputs: Sendable, Fitted: Sendable>(
        _ fit: FitKind,
        start: (inout Writer, Snapshot) throws -> Inputs?,
        fitting: (Inputs) throws -> Fitted,
        reconcile: (inout Writer, _ fitted: Fitted, _ inputs: Inputs, _ changed: Set<String>, inout Snapshot) throws
            -> Void
    ) throws -> Bool {
        try locks.whileFitting(fit) { () throws -> Bool in
            let inputs = try writer.withLock { writer -> Inputs? in
                guard let base = snapshots.current, let inputs = try start(&writer, base) else { return nil }
                writer.changedDuringFit[fit] = []
                return inputs
            }
            guard let inputs else { return false }
            let fitted: Fitted
            do {
                fitted = try fitting(inputs)
            } catch {
                writer.withLock { _ = $0.changedDuringFit.removeValue(forKey: fit) }
                throw error
            }
            try writer.withLock { writer in
                let changed = writer.changedDuringFit.removeValue(forKey: fit) ?? []
                var next = try snapshot()
                try reconcile(&writer, fitted, inputs, changed, &next)
                snapshots.publish(next, changing: nil)
            }
            return true
        } ?? false
    }

    /// Refits the segments when more than the pipeline's `refitDrift` share of users changed segment
    /// since the last fit (or fits them when there are none yet and enough users), keeping the ids of
    /// segments that stay alike; `true` when it refitted.
    ///
    /// The fit runs on a copy of the profiles (`refit`); the users whose profiles changed since are
    /// reassigned in the fitted segments (deleted ones removed) before they are published. Like the
    /// users' moves between refits, the segments are recorded as current when the server stops (`finish`),
    /// not here: that would count every stored event while events wait. On a shared store they are stored
    /// (not recorded as current) for the other processes, which serve them instead of fitting their own.
    func refitSegmentsIfDrifted() throws -> Bool {
        do {
            return try refit(
                .segments,
                start: {
                    writer, base -> (base: Snapshot, profiles: [UserProfile], settings: SegmentSettings)? in
                    // Another process fitted while this one waited for the lock: serve its fit instead.
                    var adopted = base
                    if try adoptFittedSegments(into: &adopted, with: &writer) {
                        snapshots.publish(adopted, changing: nil)
                        return nil
                    }
                    guard
                        base.segments.drift > writer.pipeline.segmentation.refitDrift
                            || (base.segments.segments.isEmpty && base.recommender.contexts.count >= 3)
                    else { return nil }
                    // Every kept profile is current, and so is every stored one (each batch stores its users'
                    // before publishing them): a server keeping them all fits on those it holds, one keeping only
                    // some reads the stored deep layers (a third of whole profiles), holding the writer meanwhile.
                    let profiles = try
                        (snapshots.holdsEveryProfile
                        ? snapshots.everyKeptProfile()
                        : writer.pipeline.storedProfiles(keeping: .deep)).sorted { $0.user < $1.user }
                    guard profiles.count >= 3 else { return nil }
                    // The settings the stored segments were fitted with (say by `strata segment --k 3`), else the defaults.
                    let settings = try writer.pipeline.segmentSettings(layer: .deep)
                    writer.pipeline.log(segmenting: profiles.count, with: settings)
                    return (base: base, profiles: profiles, settings: settings)
                },
                fitting: { inputs -> (model: SegmentModel, changes: SegmentChanges?) in
                    // The segments as they have moved are what the new ones are matched to, to keep ids stable.
                    try inputs.settings.fit(
                        layer: .deep, profiles: inputs.profiles, topics: inputs.base.topics,
                        previous: inputs.base.segments)
                },
                reconcile: { writer, fitted, _, changed, next in
                    var model = fitted.model
                    let fresh = try currentProfiles(of: changed.sorted(), writer: writer)
                    let present = Set(fresh.map(\.user))
                    for user in changed where !present.contains(user) { model.remove(user: user) }
                    try writer.pipeline.reassign(fresh, in: &model)
                    if let changes = fitted.changes { writer.pipeline.log(changes) }
                    next.serve(model)
                    // Processes sharing the store take it from there (`adoptFittedSegments`).
                    if let shared = writer.pipeline.sharedStore {
                        writer.segmentFitNumber = try shared.saveFittedSegments(model)
                    }
                })
        } catch SegmentError.tooFewUsers {
            return false
        }
    }

    /// Refits the recommender, at most once per `interval`, when items were embedded since its fit (new,
    /// or with a changed text), when users were deleted since (their interactions leave the generators),
    /// or when the interactions ingested since its fit reach `share` of those it was fitted on, so new
    /// items get recommended and the collaborative generators learn from new events; `true` when it refitted.
    ///
    /// The fit runs without the writer (`refit`); then the users who sent interactions meanwhile get
    /// their contexts rebuilt from their stored histories (deleted ones are dropped), every context
    /// takes the current profile and segment, and the new recommender is published. The collaborative fits
    /// go through the pipeline's kept fits: on a shared store the fit lock keeps processes from fitting at
    /// the same time, and a process refitting on the data another one fitted reads that one's kept fits.
    func refitRecommenderIfStale(share: Double, interval: Duration) throws -> Bool {
        try refit(
            .recommender,
            start: {
                writer, base -> (
                    inputs: RecommenderInputs, parameters: HybridParameters, keeper: (any FitKeeper)?, counted: Snapshot
                )? in
                guard ContinuousClock.now - base.recommenderFittedAt >= interval else { return nil }
                let interactions = base.recommender.matrix.userItems.reduce(0) { $0 + $1.count }
                guard
                    base.itemsEmbeddedSinceFit > 0 || base.usersDeletedSinceFit > 0
                        || (base.interactionsSinceFit > 0
                            && Double(base.interactionsSinceFit) >= share * Double(interactions))
                else { return nil }
                let pipeline = writer.pipeline
                pipeline.log(
                    "refitting the recommender: \(base.itemsEmbeddedSinceFit) items embedded, "
                        + "\(base.interactionsSinceFit) interactions ingested and \(base.usersDeletedSinceFit) users deleted since the last fit"
                )
                let inputs = try pipeline.recommenderInputs(
                    vectors: base.builder.embeddings, topics: base.topics,
                    profiles: [], segments: base.segments.memberships.mapValues(\.segment),
                    excludeSeen: excludeSeen)
                var counted = base
                counted.recommenderFittedAt = .now
                return (
                    inputs: inputs,
                    parameters: try pipeline.hybridParameters(
                        catalog: CatalogStages(vectors: base.builder.embeddings, topics: base.topics)),
                    keeper: pipeline.fitKeeper,
                    counted: counted
                )
            },
            fitting: { inputs -> (recommender: Recommender, log: [String]) in
                // The kept fits' lines wait for the writer, which holds the log.
                var lines = [String]()
                var fitted = try Recommender(
                    fitting: inputs.inputs, parameters: inputs.parameters,
                    cache: inputs.keeper.map { FitCache(keeper: $0) { lines.append($0) } })
                fitted.keepUserStates()
                return (fitted, lines)
            },
            reconcile: { writer, fitted, inputs, changed, next in
                for line in fitted.log { writer.pipeline.log(line) }
                var fitted = fitted.recommender
                // Users who sent interactions meanwhile get their contexts rebuilt (a deleted one keeps none).
                let users = changed.sorted()
                fitted.observe(
                    try writer.pipeline.storedInteractions(of: users), of: users, replacing: true, segments: nil)
                // Every context takes its user's current segment (a request adds the profile).
                for user in Array(fitted.contexts.keys) {
                    fitted.observe(user: user, items: [], profile: nil, segment: next.segments.membership(of: user))
                }
                next.recommender = fitted
                next.recommenderFittedAt = inputs.counted.recommenderFittedAt
                // What arrived during the fit is in the contexts but not in the fitted generators or catalog.
                next.interactionsSinceFit -= inputs.counted.interactionsSinceFit
                next.itemsEmbeddedSinceFit -= inputs.counted.itemsEmbeddedSinceFit
                next.usersDeletedSinceFit -= inputs.counted.usersDeletedSinceFit
            })
    }
}

extension ServingState {
    /// Serves the segments another process fitted and stored (`SharedChange.segmentsFitted`), when newer
    /// than the ones served.
    func adoptFittedSegments() throws {
        try writer.withLock { writer in
            guard var next = snapshots.current, try adoptFittedSegments(into: &next, with: &writer) else { return }
            snapshots.publish(next, changing: nil)
        }
    }

    /// `Writer.adoptFittedSegments` for the users served: those with a recommendation context or a kept profile.
    private func adoptFittedSegments(into next: inout Snapshot, with writer: inout Writer) throws -> Bool {
        let known = Set(next.recommender.contexts.keys).union(snapshots.keptUsers())
        return try writer.adoptFittedSegments(into: &next, known: Array(known)) { users, writer in
            try currentProfiles(of: users, writer: writer)
        }
    }

    /// The current profiles of those of `users` who have one, in their order: the kept ones, else (when
    /// not every profile is kept) the stored ones. Called holding the writer.
    func currentProfiles(of users: [String], writer: Writer) throws -> [UserProfile] {
        let kept = snapshots.keptProfiles(of: users)
        return try users.compactMap { user in
            if let profile = kept[user] { return profile }
            return snapshots.holdsEveryProfile ? nil : try writer.pipeline.storedProfile(of: user)
        }
    }
}

extension ServingState.Snapshot {
    /// Serves `model` as the segments: every user's recommendation context takes their segment in it.
    mutating func serve(_ model: SegmentModel) {
        segments = model
        for user in Array(recommender.contexts.keys) {
            recommender.observe(user: user, items: [], profile: nil, segment: segments.membership(of: user))
        }
    }
}

import Foundation
import StrataCore

extension Pipeline {
    /// The settings that fit the segments of `layer` and keep them current: `segmentation` with the
    /// segmenter chosen for `layer`, else the one its stored segments were fitted with, else
    /// `segmentation.segmenter`, its `layer` set to `layer`. So a run that chooses nothing reuses the
    /// stored segments, and refits them with their own settings when the profiles change.
    ///
    /// Segments stored with the earlier default range of k (2…20, whose silhouette picked 2 segments on
    /// MovieLens) count as fitted with today's default (`Segmenter.defaultKRange`), so they are refitted once.
    public func segmentSettings(layer: LayerKind) throws -> SegmentSettings {
        var settings = segmentation
        var stored = try storedSegmenter(layer: layer)
        if stored?.kRange == Self.earlierDefaultKRange { stored?.kRange = nil }
        settings.segmenter = segmentation.chosen[layer] ?? stored ?? segmentation.segmenter
        settings.segmenter.layer = layer
        return settings
    }

    /// The range of k segmenters had by default before the number of segments followed their use.
    static let earlierDefaultKRange = 2 ... 20

    /// The segmenter the stored segments of `layer` were fitted with, read from their stage record
    /// (or from the JSON after the profiles' inputs in a record of the earlier, string format); `nil`
    /// when there are none or the record cannot be read.
    public func storedSegmenter(layer: LayerKind) throws -> Segmenter? {
        if let record = try store.record(SegmentsRecord.self, layer.rawValue) { return record.segmenter }
        guard let recorded = try store.stageRecord(SegmentsRecord.key(layer.rawValue)),
            let json = recorded.firstIndex(of: "{")
        else {
            return nil
        }
        return try? JSONDecoder().decode(Segmenter.self, from: Data(recorded[json...].utf8))
    }

    /// The segments of `layer` over `catalog` (the current one, from `catalog()`): the stored ones while they
    /// reflect the current profiles, otherwise fitted afresh on them (the profiles brought up to date first)
    /// and matched to the stored ones so that ids stay stable.
    public func segments(layer: LayerKind = .deep, refit: Bool = false, catalog: CatalogStages) throws -> SegmentModel {
        try ensureProfiles(catalog)
        if !refit, try segmentsAreCurrent(layer), let model = try store.segmentModel(layer: layer) { return model }
        return try refitSegments(layer: layer, catalog: catalog).model
    }

    /// Fits the segments of `layer` on the current profiles, matches them to the stored ones (keeping
    /// ids of segments that stay alike) and stores them; returns them with what changed (`nil` on a
    /// first fit).
    @discardableResult
    public func refitSegments(layer: LayerKind, catalog: CatalogStages) throws -> (
        model: SegmentModel, changes: SegmentChanges?
    ) {
        try ensureProfiles(catalog)
        // Only the segmented layer is read: each profile is cut to it as it is loaded (a third of the memory).
        let profiles = try storedProfiles(keeping: layer)
        let settings = try segmentSettings(layer: layer)
        log(segmenting: profiles.count, with: settings)
        let fitted = try settings.fit(
            layer: layer, profiles: profiles, topics: catalog.topics,
            previous: try store.segmentModel(layer: layer))
        if let changes = fitted.changes { log(changes) }
        try saveSegments(fitted.model)
        return fitted
    }

    /// Logs that `users` users are being segmented with `settings` (on the layer of their segmenter).
    public func log(segmenting users: Int, with settings: SegmentSettings) {
        let segmenter = settings.segmenter
        log(
            "segmenting \(users) users on their \(segmenter.layer.rawValue) layer with \(segmenter.algorithm.rawValue), "
                + "k = \(segmenter.k.map { "\($0)" } ?? "auto")")
    }

    /// Logs what a refit changed.
    public func log(_ changes: SegmentChanges) {
        log(
            "re-segmented: \(changes.births.count) born, \(changes.deaths.count) died, \(changes.merges.count) merged, "
                + "\(changes.splits.count) split, \(changes.movedUsers.count) of \(changes.comparedUsers) users moved")
    }

    /// Reassigns the users of `profiles` (just recomputed) in the stored segments of every layer in
    /// `current`, moving centroids online, and refits a layer (over `catalog`) whose drift passes
    /// `segmentation.refitDrift`. Returns what happened to each layer.
    func updateSegments(_ profiles: [UserProfile], current: [LayerKind], catalog: CatalogStages) throws
        -> [LayerKind: SegmentUpdate]
    {
        var updates = [LayerKind: SegmentUpdate]()
        for layer in current {
            guard var model = try store.segmentModel(layer: layer) else { continue }
            var update = try reassign(profiles, in: &model)
            update.refitted = update.drift > segmentation.refitDrift
            updates[layer] = update
            if update.refitted {
                log(
                    "\(layer.rawValue) segments: \(model.movedSinceFit) of \(model.memberships.count) users moved since the last fit, "
                        + "past the refit threshold of \(segmentation.refitDrift); refitting")
                try store.saveSegmentModel(model, users: profiles.map(\.user))
                try refitSegments(layer: layer, catalog: catalog)
            } else {
                try store.saveSegmentModel(model, users: profiles.map(\.user))
                try recordSegmentsCurrent(layer)
            }
        }
        return updates
    }

    /// Stores `model`, kept current outside the pipeline (say by a server reassigning users as their
    /// events arrive), as the segments of the current profiles; call it after `recordProfilesCurrent`.
    public func saveSegments(_ model: SegmentModel) throws {
        try store.saveSegmentModel(model, users: nil)
        try recordSegmentsCurrent(model.layer)
    }

    /// Whether the stored segments of `layer` were fitted or updated on the current profiles and settings.
    func segmentsAreCurrent(_ layer: LayerKind) throws -> Bool {
        guard let recorded = try store.record(SegmentsRecord.self, layer.rawValue) else { return false }
        return try recorded.profiles == profileInputs() && recorded.segmenter == segmentSettings(layer: layer).segmenter
    }

    /// Records that the stored segments of `layer` reflect the current profiles and settings.
    private func recordSegmentsCurrent(_ layer: LayerKind) throws {
        try store.save(
            SegmentsRecord(
                profiles: try profileInputs(), segmenter: try segmentSettings(layer: layer).segmenter,
                updatedAt: Self.now), layer.rawValue)
    }
}

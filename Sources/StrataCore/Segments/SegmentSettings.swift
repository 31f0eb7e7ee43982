/// How segments are fitted and kept current as events arrive: the settings a pipeline or a server
/// fits with, next to the `Segmenter` they hold.
public struct SegmentSettings: Sendable {
    /// The fitting algorithm and its knobs for a layer without stored segments (or whose stored settings
    /// cannot be read); its `layer` is replaced by the layer a stage asks for. A layer with stored segments
    /// keeps the settings they were fitted with unless `chosen` says otherwise (see `Pipeline.segmentSettings`).
    public var segmenter = Segmenter()
    /// Segmenters chosen for particular layers, say from a command's options: they win over the stored
    /// segments' settings, and stored segments fitted with other settings count as stale.
    public var chosen: [LayerKind: Segmenter] = [:]
    /// The streaming k-means forgetting factor applied per reassigned user (1 = never forget).
    public var forgetting = 0.995
    /// A streaming update refits the layer's segments when more than this share of its users changed
    /// segment since the last full fit.
    public var refitDrift = 0.1
    /// A new segment keeps an old segment's id when their centroids' cosine similarity is at least this.
    public var minimumSimilarity = 0.8

    public init() {}

    /// Reassigns the users of `profiles` in `model` from their vectors of its layer, moving its
    /// centroids online with these settings.
    public func reassign(_ profiles: [UserProfile], in model: inout SegmentModel) throws -> SegmentUpdate {
        try model.update(
            users: profiles.map { ($0.user, $0.layer(model.layer).vector) }, forgetting: forgetting,
            kept: segmenter.membershipsKept, minimum: segmenter.minimumMembership)
    }

    /// The segments of `layer` fitted on `profiles`, matched to `previous` (when there is one) so that
    /// segments that stay alike keep their ids; with what changed (`nil` on a first fit). Touches no
    /// store, so a server can fit on a copy of its profiles while it keeps taking events.
    ///
    /// - Parameters:
    ///   - layer: The layer to segment; it replaces `segmenter.layer`. `chosen` is not consulted here: put the
    ///     segmenter to fit with in `segmenter` (as `Pipeline.segmentSettings(layer:)` does).
    ///   - profiles: The users to segment; those whose vector in `layer` is all zero are left out.
    ///   - topics: The catalog's topics, which name the segments (keywords, dominant topics).
    ///   - previous: The layer's current segments, or `nil` on a first fit. New and old centroids are paired by
    ///     cosine similarity; pairs at least `minimumSimilarity` alike keep the old id, the rest get unused ids.
    /// - Returns: The fitted model and what changed against `previous` (`nil` without one).
    /// - Throws: `SegmentError` or `ClusterError` from `Segmenter.fit(profiles:topics:)`, e.g. with fewer than 3
    ///   users to segment.
    public func fit(layer: LayerKind, profiles: [UserProfile], topics: TopicModel, previous: SegmentModel?) throws
        -> (model: SegmentModel, changes: SegmentChanges?)
    {
        var segmenter = segmenter
        segmenter.layer = layer
        let model = try segmenter.fit(profiles: profiles, topics: topics)
        guard let previous else { return (model, nil) }
        return model.matched(to: previous, minimumSimilarity: minimumSimilarity)
    }
}

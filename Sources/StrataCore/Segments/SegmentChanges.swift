import StrataCluster
import StrataMath

/// What a re-segmentation changed, with segment ids after matching.
public struct SegmentChanges: Codable, Equatable, Sendable {
    /// New segments matched to no earlier one.
    public var births: [Int]
    /// Earlier segments matched to no new one.
    public var deaths: [Int]
    /// New segments that took a large share of their members from several earlier ones.
    public var merges: [Flow]
    /// Earlier segments whose members went in large shares to several new ones.
    public var splits: [Flow]
    /// Users segmented both times whose hard segment id changed.
    public var movedUsers: [String]
    /// Users segmented both times.
    public var comparedUsers: Int

    /// Several segments flowing into one, or one into several.
    public struct Flow: Codable, Equatable, Sendable {
        public var from: [Int]
        public var to: [Int]
    }
}

extension SegmentModel {
    /// This freshly fitted model with its segments renamed after `previous`'s: the new and old
    /// centroids are paired by the Hungarian algorithm on cosine similarity, pairs at least
    /// `minimumSimilarity` alike keep the old id, and the rest get ids never used before. A merge or
    /// split is counted when at least `flowShare` of a segment flows to or from each of several others.
    public func matched(to previous: SegmentModel, minimumSimilarity: Double = 0.8, flowShare: Double = 0.2)
        -> (model: SegmentModel, changes: SegmentChanges)
    {
        let size = max(segments.count, previous.segments.count)
        var costs = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        for (i, new) in segments.enumerated() {
            for (j, old) in previous.segments.enumerated() {
                costs[i][j] = -Double(VectorMath.dot(new.centroid, old.centroid))
            }
        }
        let pairs = Hungarian.assignment(costs: costs)
        var nextID = max(nextID, previous.nextID)
        var rename = [Int: Int]()
        for (i, segment) in segments.enumerated() {
            let j = pairs[i]
            if j < previous.segments.count, -costs[i][j] >= minimumSimilarity {
                rename[segment.id] = previous.segments[j].id
            } else {
                rename[segment.id] = nextID
                nextID += 1
            }
        }
        var model = self
        model.nextID = nextID
        for i in model.segments.indices { model.segments[i].id = rename[model.segments[i].id]! }
        let order = model.segments.indices.sorted { model.segments[$0].id < model.segments[$1].id }
        model.segments = order.map { model.segments[$0] }
        model.centroidWeights = order.map { centroidWeights[$0] }
        for user in model.memberships.keys {
            model.memberships[user]!.segment = rename[model.memberships[user]!.segment]!
            for m in model.memberships[user]!.memberships.indices {
                model.memberships[user]!.memberships[m].segment = rename[
                    model.memberships[user]!.memberships[m].segment]!
            }
        }
        return (model, model.changes(since: previous, flowShare: flowShare))
    }

    /// Births, deaths, merges, splits and moved users from `previous` to this model (ids already matched).
    func changes(since previous: SegmentModel, flowShare: Double) -> SegmentChanges {
        let oldIDs = Set(previous.segments.map(\.id))
        let newIDs = Set(segments.map(\.id))
        var flow = [Int: [Int: Int]]()  // old id → new id → users
        var moved = [String]()
        for (user, old) in previous.memberships {
            guard let new = memberships[user] else { continue }
            flow[old.segment, default: [:]][new.segment, default: 0] += 1
            if new.segment != old.segment { moved.append(user) }
        }
        var inflow = [Int: [Int: Int]]()  // new id → old id → users
        for (old, targets) in flow {
            for (new, count) in targets { inflow[new, default: [:]][old] = count }
        }
        func large(_ parts: [Int: Int]) -> [Int] {
            let total = parts.values.reduce(0, +)
            return parts.filter { Double($0.value) >= flowShare * Double(total) }.keys.sorted()
        }
        let splits = flow.keys.sorted().compactMap { old -> SegmentChanges.Flow? in
            let targets = large(flow[old]!)
            return targets.count > 1 ? SegmentChanges.Flow(from: [old], to: targets) : nil
        }
        let merges = inflow.keys.sorted().compactMap { new -> SegmentChanges.Flow? in
            let sources = large(inflow[new]!)
            return sources.count > 1 ? SegmentChanges.Flow(from: sources, to: [new]) : nil
        }
        return SegmentChanges(
            births: newIDs.subtracting(oldIDs).sorted(), deaths: oldIDs.subtracting(newIDs).sorted(),
            merges: merges, splits: splits, movedUsers: moved.sorted(),
            comparedUsers: flow.values.reduce(0) { $0 + $1.values.reduce(0, +) })
    }
}

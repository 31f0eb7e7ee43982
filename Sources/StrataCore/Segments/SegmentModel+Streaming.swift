import StrataCluster
import StrataMath

/// What one streaming update of a segment model did.
public struct SegmentUpdate: Equatable, Sendable {
    /// The users reassigned.
    public var users: Int
    /// Users whose hard segment changed: `(user, from, to)`; `from` is `nil` for a user new to the
    /// segments, `to` is `nil` for one whose layer became empty.
    public var moved: [Move]
    /// The model's drift after the update (see `SegmentModel.drift`).
    public var drift: Double
    /// Whether the pipeline refitted the segments because the drift passed its threshold.
    public var refitted = false

    public struct Move: Equatable, Sendable {
        public var user: String
        public var from: Int?
        public var to: Int?

        public init(user: String, from: Int?, to: Int?) {
            self.user = user
            self.from = from
            self.to = to
        }
    }
}

extension SegmentModel {
    /// Reassigns users whose layer vectors changed and moves the centroids towards them with streaming
    /// k-means (`OnlineKMeans`; `forgetting` below 1 lets old members fade), then renormalises the
    /// centroids. Each user's hard segment is the most similar centroid after the update.
    public mutating func update(
        users: [(user: String, vector: [Float])], forgetting: Double,
        kept: Int = 3, minimum: Double = 0.05
    ) throws -> SegmentUpdate {
        guard !segments.isEmpty else { return SegmentUpdate(users: 0, moved: [], drift: drift) }
        var online = try OnlineKMeans(centroids: centroids, weights: centroidWeights, forgetting: forgetting)
        for (_, vector) in users where vector.contains(where: { $0 != 0 }) { online.update(point: vector) }
        for j in segments.indices { segments[j].centroid = VectorMath.normalized(online.centroids.row(j)) }
        centroidWeights = online.weights

        let index = Dictionary(uniqueKeysWithValues: segments.enumerated().map { ($1.id, $0) })
        var moves = [SegmentUpdate.Move]()
        for (user, vector) in users {
            let before = memberships[user]?.segment
            let after = membership(user: user, vector: vector, kept: kept, minimum: minimum)
            memberships[user] = after
            guard before != after?.segment else { continue }
            if let before { segments[index[before]!].size -= 1 }
            if let to = after?.segment { segments[index[to]!].size += 1 }
            moves.append(SegmentUpdate.Move(user: user, from: before, to: after?.segment))
        }
        movedSinceFit += moves.count
        return SegmentUpdate(users: users.count, moved: moves, drift: drift)
    }
}

extension SegmentModel {
    /// Forgets a deleted user: their membership, their place in their segment's size and among its
    /// representative users. The centroids keep what they absorbed until the next fit.
    public mutating func remove(user: String) {
        guard let membership = memberships.removeValue(forKey: user) else { return }
        for j in segments.indices {
            if segments[j].id == membership.segment { segments[j].size -= 1 }
            segments[j].representativeUsers.removeAll { $0 == user }
        }
    }
}

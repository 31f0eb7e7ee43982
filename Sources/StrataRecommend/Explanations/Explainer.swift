import StrataCore
import StrataMath

/// Why one item is recommended to one user: the interest it serves and the user's own most similar item.
public struct Reason: Codable, Equatable, Sendable {
    /// The layer of the interest: surface, middle or deep.
    public var layer: LayerKind
    /// The interest's label.
    public var interest: String
    /// The user's own item most similar to the recommended one (empty for a user without items).
    public var evidence: String
    /// The explanation in words.
    public var text: String
}

/// Explains recommendations from a user's interest layers and item vectors.
///
/// The interest is the strongest one, searching surface, middle then deep, whose topic is the item's
/// (fine topic in surface and middle, its coarse parent in deep); failing that, the interest whose
/// evidence holds the user's item most similar to the recommended one; failing that, the strongest
/// middle interest. The evidence item is the user's own item nearest by cosine.
public struct Explainer: Sendable {
    public let topics: TopicModel
    public let itemIDs: [String]
    public let itemVectors: Matrix
    /// Item titles for the words; ids stand in for missing ones.
    public let titles: [String: String]

    public init(topics: TopicModel, itemIDs: [String], itemVectors: Matrix, titles: [String: String]) {
        self.topics = topics
        self.itemIDs = itemIDs
        self.itemVectors = itemVectors
        self.titles = titles
    }

    /// The reason catalog item `item` suits `user`, from the interests of `layers` (searched in order).
    public func explain(item: Int, for user: UserContext, layers: [LayerKind] = LayerKind.allCases) -> Reason {
        explain(items: [item], for: user, layers: layers)[0]
    }

    /// The reasons catalog items `items` suit `user`, as `explain(item:for:layers:)`; the user's own items
    /// are read once for every four recommended items, not once per item.
    public func explain(items: [Int], for user: UserContext, layers: [LayerKind] = LayerKind.allCases) -> [Reason] {
        let vectors = items.map(itemVectors.row)
        let similarities = itemVectors.dots(vectors, rows: user.items)
        return items.indices.map { index in
            let (item, vector, similarity) = (items[index], vectors[index], similarities.row(index))
            let nearest = similarity.indices.max { similarity[$0] < similarity[$1] }.map { user.items[$0] }
            let evidence = nearest.map { itemIDs[$0] } ?? ""
            let (layer, interest) = interest(
                serving: itemIDs[item], vector: vector, evidence: evidence, profile: user.profile, layers: layers)
            var text = "\(name(of: itemIDs[item])): matches your \(layer.rawValue) interest \(interest)"
            if let nearest { text += ", like \(name(of: itemIDs[nearest])) which you have" }
            return Reason(layer: layer, interest: interest, evidence: evidence, text: text)
        }
    }

    /// How a reason names an item: its title, or "item ID" for an item without one.
    public func name(of id: String) -> String {
        guard let title = titles[id], !title.isEmpty else { return "item \(id)" }
        return title
    }

    private func interest(
        serving id: String, vector: [Float], evidence: String, profile: UserProfile?,
        layers: [LayerKind]
    ) -> (LayerKind, String) {
        let fine = topics.itemTopics[id] ?? topics.nearestFineTopic(vector)
        let fallback = layers.contains(.middle) ? .middle : layers[0]
        guard let profile else { return (fallback, topics.topic(fine).label) }
        for kind in layers {
            let wanted = kind == .deep ? topics.parent(of: fine) : fine
            if let match = profile.layer(kind).interests.first(where: { $0.topic == wanted }) {
                return (kind, match.label)
            }
        }
        for kind in layers {
            if let match = profile.layer(kind).interests.first(where: { $0.evidence.contains(evidence) }) {
                return (kind, match.label)
            }
        }
        return (fallback, profile.layer(fallback).interests.first?.label ?? topics.topic(fine).label)
    }
}

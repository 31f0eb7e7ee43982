import StrataCore
import StrataMath

/// A catalog known only by ids: six categories of five items, `c0-0` … `c5-4`, whose vectors pair categories
/// 0–3, 1–4 and 2–5 (as embeddings of id strings may), for tests of what users' histories group instead.
public enum IdOnlyShop {
    public static let catalog: (items: [Item], vectors: [[Float]]) = {
        var random = SeededRandom(seed: 3)
        var items = [Item]()
        var vectors = [[Float]]()
        for category in 0 ..< 6 {
            var direction = [Float](repeating: 0, count: 6)
            direction[category % 3] = 1
            direction[3 + category / 3] = 0.5
            for i in 0 ..< 5 {
                items.append(Item(id: "c\(category)-\(i)", title: "", categories: ["\(category)"]))
                vectors.append(VectorMath.normalized(direction.map { $0 + Float(random.nextGaussian()) * 0.01 }))
            }
        }
        return (items, vectors)
    }()

    /// `users` histories of 12 items each; user u meets the categories of `groups[u % groups.count]` together.
    public static func histories(meeting groups: [[Int]], users: Int) -> [[String]] {
        (0 ..< users).map { user in
            let group = groups[user % groups.count]
            return (0 ..< 12).map { j in "c\(group[j % group.count])-\((user + j) % 5)" }
        }
    }
}

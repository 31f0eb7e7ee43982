/// The per-user temporal split of DESIGN.md's evaluation protocol.
///
/// Each user's interactions are put in chronological order; the last `max(1, round(f · n))` go to test
/// (rounding half to even, as Python's `round`), the rest to train. Users with fewer than
/// `minimumInteractions` stay wholly in train. The validation split for tuning is the same split applied
/// to train (with its own fraction).
public struct TemporalSplit: Sendable {
    /// Every interaction kept for fitting, in chronological order per user.
    public var train: [Interaction]
    /// The held-out interactions, in chronological order per user.
    public var test: [Interaction]

    /// Splits `interactions`; users appear in order of first appearance.
    public init(_ interactions: [Interaction], testFraction: Double = 0.2, minimumInteractions: Int = 5) {
        var order = [String]()
        var byUser = [String: [Interaction]]()
        for interaction in interactions {
            if byUser[interaction.user] == nil { order.append(interaction.user) }
            byUser[interaction.user, default: []].append(interaction)
        }
        var train = [Interaction]()
        var test = [Interaction]()
        for user in order {
            let history = byUser[user]!.sorted(by: Interaction.chronological)
            let held = Self.testCount(history.count, fraction: testFraction, minimumInteractions: minimumInteractions)
            train += history.dropLast(held)
            test += history.suffix(held)
        }
        self.train = train
        self.test = test
    }

    /// Each user's train items in time order, one list a user (what a model fitted on train may read).
    public var trainHistories: [[String]] {
        var histories = [[String]]()
        var user: String?
        for interaction in train {
            if interaction.user != user {
                histories.append([])
                user = interaction.user
            }
            histories[histories.count - 1].append(interaction.item)
        }
        return histories
    }

    /// How many of a user's `n` interactions go to test.
    public static func testCount(_ n: Int, fraction: Double, minimumInteractions: Int) -> Int {
        guard n >= minimumInteractions else { return 0 }
        return max(1, Int((fraction * Double(n)).rounded(.toNearestOrEven)))
    }
}

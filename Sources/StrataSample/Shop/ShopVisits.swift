import StrataMath

/// One event of the user being simulated: a timestamp, an item number and a type; `order` keeps
/// the order of creation among equal timestamps.
struct ShopEvent: Sendable {
    var timestamp: Int64
    var order: Int
    var item: Int
    var type: ShopEventType
}

/// The event types a shop-shaped log uses, each with its name as bytes.
enum ShopEventType: UInt8, Sendable, CaseIterable {
    case view, like, cart, purchase

    var name: [UInt8] {
        switch self {
        case .view: Array("view".utf8)
        case .like: Array("like".utf8)
        case .cart: Array("cart".utf8)
        case .purchase: Array("purchase".utf8)
        }
    }
}

/// Simulates one user's visits like a shop sees them: each visit picks a leaf (recent interest in
/// the last four weeks, else noise, else a long-term interest), an item by Zipf-like popularity in
/// it, then one or more views, sometimes a like, sometimes a cart and then sometimes a purchase,
/// each later than the last. The user's events are kept in one reused array, sorted by time.
struct ShopVisits {
    let catalog: ShopCatalog
    /// The user's events, in time order after `simulate`, timestamps strictly increasing.
    private(set) var events: [ShopEvent] = []

    /// The share of visits that go to a uniformly random leaf.
    static let noise = 0.1
    /// The share of visits in the last four weeks that go to the recent interest, if any.
    static let recentPull = 0.5

    init(catalog: ShopCatalog) { self.catalog = catalog }

    /// Replaces `events` with `count` events of the user `plan` describes.
    mutating func simulate(_ plan: ShopUserPlan, count: Int, random: inout SeededRandom) {
        events.removeAll(keepingCapacity: true)
        let categories = catalog.shape.categories
        // A visit starts at least a day before the end, so its chain fits in the period.
        let window = Int(ShopClock.end - ShopClock.day - plan.joined)
        while events.count < count {
            var t = plan.joined + Int64(random.int(window))
            let leaf: Int
            if let recent = plan.recent, t >= ShopClock.recentStart, random.chance(Self.recentPull) {
                leaf = recent
            } else if random.chance(Self.noise) {
                leaf = random.int(categories)
            } else {
                leaf = random.chance(plan.firstShare) ? plan.longTerm.0 : plan.longTerm.1
            }
            let item = catalog.item(leaf: leaf, rank: random.zipfRank(catalog.itemsOfLeaf.count(leaf)))

            var views = 1
            while views < 8, random.chance(0.45) { views += 1 }
            for _ in 0 ..< views {
                add(.view, item, at: t, limit: count)
                t += 15 + Int64(random.int(600))
            }
            if random.chance(0.12) {
                add(.like, item, at: t, limit: count)
                t += 5 + Int64(random.int(120))
            }
            if random.chance(0.18) {
                add(.cart, item, at: t, limit: count)
                t += 60 + Int64(random.int(7200))
                if random.chance(0.45) { add(.purchase, item, at: t, limit: count) }
            }
        }
        // Into time order; a chain's own events stay in order, and equal seconds are pushed apart
        // so no two events of the user share a timestamp.
        events.sort { ($0.timestamp, $0.order) < ($1.timestamp, $1.order) }
        for i in events.indices.dropFirst() where events[i].timestamp <= events[i - 1].timestamp {
            events[i].timestamp = events[i - 1].timestamp + 1
        }
    }

    /// Appends an event unless the user already has `limit` (a cut chain keeps its first events,
    /// so a purchase is never left without its views).
    private mutating func add(_ type: ShopEventType, _ item: Int, at timestamp: Int64, limit: Int) {
        guard events.count < limit else { return }
        events.append(ShopEvent(timestamp: timestamp, order: events.count, item: item, type: type))
    }
}

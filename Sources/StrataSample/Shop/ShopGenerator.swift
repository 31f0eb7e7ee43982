import Foundation
import StrataMath

/// A shop-shaped log at any scale: `items.csv` (items known only by id and a two-level category),
/// `events.csv` (views, likes, carts and purchases of users with planted interests) and `truth.csv`
/// (what was planted for each user). Streamed to disk one user at a time, in memory that grows with
/// the categories but not with the users, items or events. The same shape gives the same bytes.
public struct ShopGenerator: Sendable {
    /// The files the generator writes, in order.
    public static let fileNames = ["items.csv", "events.csv", "truth.csv"]

    public let shape: ShopShape

    /// A generator for `shape`; `write(to:)` validates it.
    public init(shape: ShopShape) { self.shape = shape }

    /// Writes every file into `folder`, creating it if needed, and says what was written.
    @discardableResult
    public func write(to folder: URL) throws -> ShopSummary {
        try shape.validate()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let catalog = ShopCatalog(shape: shape)
        try catalog.writeItems(to: folder.appendingPathComponent("items.csv"))

        var planRandom = SeededRandom(seed: shape.seed)
        let segments = ShopSegments(shape: shape, random: &planRandom)
        var random = SeededRandom(seed: shape.seed &+ 1)
        var budget = ActivityBudget(users: shape.users, events: shape.events)
        var visits = ShopVisits(catalog: catalog)
        var summary = ShopSummary(
            users: shape.users, items: shape.items, categories: shape.categories,
            roots: shape.roots, segments: shape.segments)

        let events = try ByteSink(url: folder.appendingPathComponent("events.csv"))
        let truth = try ByteSink(url: folder.appendingPathComponent("truth.csv"))
        events.append("user_id,item_id,event,timestamp")
        try events.endLine()
        truth.append("user_id,segment,long_term,recent")
        try truth.endLine()
        let typeNames = ShopEventType.allCases.map(\.name)
        for user in 0 ..< shape.users {
            let plan = ShopUserPlan(segments: segments, categories: shape.categories, random: &random)
            visits.simulate(plan, count: budget.next(&random), random: &random)
            let userID = Array("u".utf8) + Self.padded(user + 1, width: shape.userIDWidth)
            for event in visits.events {
                events.append(userID)
                events.append(byte: UInt8(ascii: ","))
                catalog.appendItemID(event.item, to: events)
                events.append(byte: UInt8(ascii: ","))
                events.append(typeNames[Int(event.type.rawValue)])
                events.append(byte: UInt8(ascii: ","))
                events.append(decimal: Int(event.timestamp))
                try events.endLine()
                summary.eventsByType[Int(event.type.rawValue)] += 1
            }
            truth.append(userID)
            truth.append(",\(plan.segment),")
            truth.append(catalog.leafNames[plan.longTerm.0])
            truth.append(byte: UInt8(ascii: "|"))
            truth.append(catalog.leafNames[plan.longTerm.1])
            truth.append(byte: UInt8(ascii: ","))
            if let recent = plan.recent { truth.append(catalog.leafNames[recent]) }
            try truth.endLine()
        }
        try events.close()
        try truth.close()
        return summary
    }

    private static func padded(_ value: Int, width: Int) -> [UInt8] {
        let digits = Array(String(value).utf8)
        return Array(repeating: UInt8(ascii: "0"), count: max(0, width - digits.count)) + digits
    }
}

/// What a `ShopGenerator` wrote.
public struct ShopSummary: Sendable, Hashable {
    public var users: Int
    public var items: Int
    public var categories: Int
    public var roots: Int
    public var segments: Int
    /// Events written, by type: view, like, cart, purchase.
    public var eventsByType = [0, 0, 0, 0]

    /// Events written in total.
    public var events: Int { eventsByType.reduce(0, +) }

    /// Event counts by type name.
    public var eventCounts: [(type: String, count: Int)] {
        ShopEventType.allCases.map { (String(decoding: $0.name, as: UTF8.self), eventsByType[Int($0.rawValue)]) }
    }
}

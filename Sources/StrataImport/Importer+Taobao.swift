import Foundation
import StrataCore
import StrataStore

/// Taobao's UserBehavior log (Alibaba Tianchi), read natively: one behaviour a line,
/// `user_id,item_id,category_id,behavior,timestamp`, no header. The log is also the catalog: every item
/// becomes a bare item (no title) in its category, kept with the first category the log gives it; `pv`,
/// `fav`, `cart` and `buy` become view, like, cart and purchase events. The whole file is one transaction.
extension Importer {
    public static func importTaobao(
        from url: URL, into store: any Store, options: ImportOptions = ImportOptions()
    ) throws -> ImportSummary {
        let behaviours: [String: EventType] = ["pv": .view, "fav": .like, "cart": .cart, "buy": .purchase]
        return try run(into: store, options: options) { writer, run in
            try run.forEachRecord(url, fieldCount: 5, delimiter: ",") { fields, parse in
                guard let type = behaviours[fields[3]] else {
                    throw parse.problem("behavior", "expected pv, fav, cart or buy, found \"\(fields[3])\"")
                }
                let event = Event(
                    userID: try parse.id(fields[0], field: "user_id"),
                    itemID: try parse.id(fields[1], field: "item_id"),
                    type: type, timestamp: try parse.timestamp(fields[4], field: "timestamp"))
                let category = try parse.id(fields[2], field: "category_id")
                if try !writer.containsItem(event.itemID) {
                    let item = Item(id: event.itemID, title: "", categories: [category])
                    _ = upserted(try writer.upsert(item), run: run, items: true)
                }
                guard try writer.insert(options.stored(event)) else { return .duplicate }
                run.summary.events[event.type.rawValue, default: 0] += 1
                return .inserted
            }
        }
    }
}

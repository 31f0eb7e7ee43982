import Foundation
import StrataCore
import StrataStore

/// The generic formats: CSV with a header, or JSON Lines, one file per kind of record.
extension Importer {
    /// Events with columns `user_id,item_id,event,timestamp[,value][,text]`.
    public static func importEvents(
        from url: URL, into store: any Store,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportSummary {
        var reader = try TableReader(
            url: url, required: ["user_id", "item_id", "event", "timestamp"],
            expectedHeader: "user_id,item_id,event,timestamp[,value][,text]")
        return try run(into: store, options: options) { writer, run in
            try forEachRow(&reader, run: run) { row, fields in
                try storeEvent(
                    try event(row, fields: fields), writer: writer, run: run, options: options, fields: fields,
                    itemField: "item_id")
            }
        }
    }

    /// Reads an events file (the format of `importEvents`) without storing it, e.g. to hand new events
    /// to `Pipeline.applyEvents`. The first bad row throws, naming its file, line and field.
    public static func readEvents(from url: URL) throws -> [Event] {
        var reader = try TableReader(
            url: url, required: ["user_id", "item_id", "event", "timestamp"],
            expectedHeader: "user_id,item_id,event,timestamp[,value][,text]")
        var events = [Event]()
        while let next = try reader.next() {
            let row = try next.get()
            events.append(try event(row, fields: FieldParser(file: reader.fileName, line: row.line)))
        }
        return events
    }

    /// The event of one row with columns `user_id,item_id,event,timestamp[,value][,text]`.
    static func event(_ row: TableRow, fields: FieldParser) throws -> Event {
        Event(
            userID: try fields.id(row["user_id"], field: "user_id"),
            itemID: try fields.id(row["item_id"], field: "item_id"),
            type: try fields.eventType(row["event"], field: "event"),
            timestamp: try fields.timestamp(row["timestamp"], field: "timestamp"),
            value: try fields.number(row["value"], field: "value"),
            text: row["text"])
    }

    /// Items with columns `item_id,title[,description][,categories][,attributes…]`, categories
    /// `|`-separated; every other column is a free attribute.
    public static func importItems(
        from url: URL, into store: any Store,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportSummary {
        var reader = try TableReader(
            url: url, required: ["item_id", "title"],
            expectedHeader: "item_id,title[,description][,categories]")
        return try run(into: store, options: options) { writer, run in
            try forEachRow(&reader, run: run) { row, fields in
                let item = Item(
                    id: try fields.id(row["item_id"], field: "item_id"),
                    title: row["title"] ?? "",
                    description: row["description"] ?? "",
                    categories: (row["categories"] ?? "").split(separator: "|")
                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                    attributes: attributes(of: row, excluding: ["item_id", "title", "description", "categories"]))
                return try upserted(writer.upsert(item), run: run, items: true)
            }
        }
    }

    /// Users with columns `user_id[,attributes…]`: every other column is a free attribute.
    public static func importUsers(
        from url: URL, into store: any Store,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportSummary {
        var reader = try TableReader(url: url, required: ["user_id"], expectedHeader: "user_id[,attribute…]")
        return try run(into: store, options: options) { writer, run in
            try forEachRow(&reader, run: run) { row, fields in
                let user = User(
                    id: try fields.id(row["user_id"], field: "user_id"),
                    attributes: attributes(of: row, excluding: ["user_id"]))
                return try storeUser(user, writer: writer, run: run, options: options)
            }
        }
    }

    static func attributes(of row: TableRow, excluding columns: [String]) -> [String: String] {
        Dictionary(row.otherFields(excluding: columns), uniquingKeysWith: { first, _ in first })
    }

    /// Counts an upsert's outcome as a record outcome and as a new item or user.
    static func upserted(_ outcome: UpsertOutcome, run: ImportRun, items: Bool) -> RecordOutcome {
        switch outcome {
        case .inserted:
            if items { run.summary.items += 1 } else { run.summary.users += 1 }
            return .inserted
        case .updated: return .updated
        case .unchanged: return .duplicate
        }
    }
}

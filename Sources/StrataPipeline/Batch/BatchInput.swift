import Foundation
import StrataCore
import StrataImport
import StrataText

/// One line of `strata batch`'s input: `{"user_id": "u1", "events": [{"item_id": "i9", "event": "view",
/// "timestamp": 1700000000, "value": 4.5, "text": "…"}, …]}`, with the fields and event names of
/// `strata import events` (`value` and `text` optional; the timestamp in Unix seconds or ISO-8601).
public struct BatchInput: Sendable, Equatable {
    public var user: String
    /// The user's events, as given.
    public var events: [Event]

    /// Reads line `number` of `source` (for messages); `knows` says whether an item id is in the catalog.
    /// Throws an `ImportError` naming the line and the field (`events[2].item_id`) at fault.
    public static func parse(_ text: String, line number: Int, source: String, knows: (String) -> Bool) throws
        -> BatchInput
    {
        let fields = FieldParser(file: source, line: number)
        guard let object = (try? JSONValue.parse(Data(text.utf8)))?.objectValue else {
            throw ImportError(file: source, line: number, field: nil, message: "expected one JSON object on the line")
        }
        let user = try fields.id(object["user_id"].flatMap(FieldParser.text(of:)), field: "user_id")
        guard let list = object["events"]?.arrayValue, !list.isEmpty else {
            throw fields.problem("events", "expected a non-empty array of events")
        }
        var events = [Event]()
        events.reserveCapacity(list.count)
        for (index, value) in list.enumerated() {
            let path = "events[\(index)]"
            guard let event = value.objectValue else { throw fields.problem(path, "expected an object") }
            func field(_ name: String) throws -> String? {
                guard let value = event[name] else { return nil }
                guard let text = FieldParser.text(of: value) else {
                    throw fields.problem("\(path).\(name)", "expected a string or a number")
                }
                return text.isEmpty ? nil : text
            }
            let item = try fields.id(try field("item_id"), field: "\(path).item_id")
            guard knows(item) else {
                throw fields.problem("\(path).item_id", "unknown item \"\(item)\": it is not in the exported catalog")
            }
            events.append(
                Event(
                    userID: user, itemID: item,
                    type: try fields.eventType(try field("event"), field: "\(path).event"),
                    timestamp: try fields.timestamp(try field("timestamp"), field: "\(path).timestamp"),
                    value: try fields.number(try field("value"), field: "\(path).value"),
                    text: try field("text")))
        }
        return BatchInput(user: user, events: events)
    }
}

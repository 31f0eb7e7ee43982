import Foundation
import StrataCore

/// One event as clients send it: `{"user_id", "item_id", "event", "timestamp"?, "value"?, "text"?}`;
/// the timestamp is Unix seconds or ISO-8601 and defaults to now.
public struct EventInput: Decodable, Sendable {
    /// The user's id as the client knows it (the server may store a pseudonym).
    public var userID: String
    /// The item's id.
    public var itemID: String
    /// The event type's name or one of its synonyms.
    public var event: String
    /// When it happened; absent means now.
    public var timestamp: TimestampInput?
    /// A rating's value, or a weight for other types.
    public var value: Double?
    /// A review's or a search's text.
    public var text: String?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case itemID = "item_id"
        case event, timestamp, value, text
    }

    /// The event, or an error naming `events[index]` and the field at fault.
    public func event(at index: Int, now: Int64) throws(RequestBodyError) -> Event {
        let place = "events[\(index)]"
        guard !userID.isEmpty else { throw RequestBodyError("\(place).user_id: must not be empty") }
        guard !itemID.isEmpty else { throw RequestBodyError("\(place).item_id: must not be empty") }
        guard let type = EventType(name: event) else {
            throw RequestBodyError(
                "\(place).event: unknown event type '\(event)'; expected one of "
                    + EventType.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let value, !value.isFinite { throw RequestBodyError("\(place).value: must be a finite number") }
        if type == .rating, value == nil { throw RequestBodyError("\(place).value: a rating needs a value") }
        let time: Int64
        switch timestamp {
        case nil: time = now
        case .seconds(let seconds): time = seconds
        case .text(let text):
            guard let parsed = Timestamp.parse(text) else {
                throw RequestBodyError("\(place).timestamp: '\(text)' is neither Unix seconds nor ISO-8601")
            }
            time = parsed
        }
        let text = text?.trimmingCharacters(in: .whitespacesAndNewlines)
        return Event(
            userID: userID, itemID: itemID, type: type, timestamp: time, value: value,
            text: text?.isEmpty == false ? text : nil)
    }
}

/// A timestamp as a JSON number of seconds or a string.
public enum TimestampInput: Decodable, Sendable {
    /// Unix seconds (a fractional number is cut to whole seconds).
    case seconds(Int64)
    /// Text to parse as Unix seconds or ISO-8601.
    case text(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let seconds = try? container.decode(Int64.self) {
            self = .seconds(seconds)
        } else if let number = try? container.decode(Double.self), number.isFinite, abs(number) < 1e15 {
            self = .seconds(Int64(number))
        } else {
            self = .text(try container.decode(String.self))
        }
    }
}

/// The body of `POST /v1/events`.
public struct EventBatch: Decodable, Sendable {
    /// The events in the order sent.
    public var events: [EventInput]

    /// Every event of the batch, or an error naming the first one at fault; `now` stands for a missing
    /// timestamp.
    public func validatedEvents(now: Int64) throws(RequestBodyError) -> [Event] {
        var converted: [Event] = []
        converted.reserveCapacity(events.count)
        for (index, event) in events.enumerated() { converted.append(try event.event(at: index, now: now)) }
        return converted
    }
}

/// One item as clients send it; `categories` are paths like `Electronics>Phones`.
public struct ItemInput: Decodable, Sendable {
    /// The item's id.
    public var itemID: String
    /// Its title, which must not be blank.
    public var title: String
    /// Its description; absent means empty.
    public var description: String?
    /// Its category paths.
    public var categories: [String]?
    /// Its attributes by name.
    public var attributes: [String: String]?

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id"
        case title, description, categories, attributes
    }

    /// The item, or an error naming `items[index]` and the field at fault.
    public func item(at index: Int) throws(RequestBodyError) -> Item {
        guard !itemID.isEmpty else { throw RequestBodyError("items[\(index)].item_id: must not be empty") }
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RequestBodyError("items[\(index)].title: must not be empty")
        }
        return Item(
            id: itemID, title: title, description: description ?? "", categories: categories ?? [],
            attributes: attributes ?? [:])
    }
}

/// The body of `PUT /v1/items`.
public struct ItemBatch: Decodable, Sendable {
    /// The items in the order sent.
    public var items: [ItemInput]

    /// Every item of the batch, or an error naming the first one at fault or an id sent twice.
    public func validatedItems() throws(RequestBodyError) -> [Item] {
        var converted: [Item] = []
        converted.reserveCapacity(items.count)
        for (index, item) in items.enumerated() { converted.append(try item.item(at: index)) }
        guard Set(converted.map(\.id)).count == converted.count else {
            throw RequestBodyError("items: an item_id appears twice in one batch")
        }
        return converted
    }
}

/// The body of `POST /v1/recommendations/cold-start` and `POST /v1/interests`.
public struct ColdStartRequest: Decodable, Sendable {
    /// A description of what the user is after.
    public var text: String?
    /// The user's attributes by name.
    public var attributes: [String: String]?
    /// How many items to list.
    public var k: Int?
}

import Foundation
import StrataCore

/// One event as clients send it: `{"user_id", "item_id", "event", "timestamp"?, "value"?, "text"?}`;
/// the timestamp is Unix seconds or ISO-8601 and defaults to now.
struct EventInput: Decodable {
    var userID: String
    var itemID: String
    var event: String
    var timestamp: TimestampInput?
    var value: Double?
    var text: String?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case itemID = "item_id"
        case event, timestamp, value, text
    }

    /// The event, or a 400 naming `events[index]` and the field at fault.
    func event(at index: Int, now: Int64) throws -> Event {
        let place = "events[\(index)]"
        guard !userID.isEmpty else { throw APIError.badRequest("\(place).user_id: must not be empty") }
        guard !itemID.isEmpty else { throw APIError.badRequest("\(place).item_id: must not be empty") }
        guard let type = EventType(name: event) else {
            throw APIError.badRequest(
                "\(place).event: unknown event type '\(event)'; expected one of "
                    + EventType.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let value, !value.isFinite { throw APIError.badRequest("\(place).value: must be a finite number") }
        if type == .rating, value == nil { throw APIError.badRequest("\(place).value: a rating needs a value") }
        let time: Int64
        switch timestamp {
        case nil: time = now
        case .seconds(let seconds): time = seconds
        case .text(let text):
            guard let parsed = Timestamp.parse(text) else {
                throw APIError.badRequest("\(place).timestamp: '\(text)' is neither Unix seconds nor ISO-8601")
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
enum TimestampInput: Decodable {
    case seconds(Int64)
    case text(String)

    init(from decoder: any Decoder) throws {
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
struct EventBatch: Decodable {
    var events: [EventInput]
}

/// One item as clients send it; `categories` are paths like `Electronics>Phones`.
struct ItemInput: Decodable {
    var itemID: String
    var title: String
    var description: String?
    var categories: [String]?
    var attributes: [String: String]?

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id"
        case title, description, categories, attributes
    }

    func item(at index: Int) throws -> Item {
        guard !itemID.isEmpty else { throw APIError.badRequest("items[\(index)].item_id: must not be empty") }
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.badRequest("items[\(index)].title: must not be empty")
        }
        return Item(
            id: itemID, title: title, description: description ?? "", categories: categories ?? [],
            attributes: attributes ?? [:])
    }
}

/// The body of `PUT /v1/items`.
struct ItemBatch: Decodable {
    var items: [ItemInput]
}

/// The body of `POST /v1/recommendations/cold-start`.
struct ColdStartRequest: Decodable {
    var text: String?
    var attributes: [String: String]?
    var k: Int?
}

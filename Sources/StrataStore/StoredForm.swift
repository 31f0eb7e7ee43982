import Foundation
import StrataCore

/// How values are laid out in a store's columns, the same for every back-end (so `strata migrate` copies
/// rows as they are): attributes and interests as JSON, categories joined with `|`, vectors as
/// little-endian Float32 bytes; event texts as `EventTexts` (StrataPrivacy) seals them.
package enum StoredForm {
    /// The tables holding rows of one user, with the column naming the user. Tables added later that
    /// hold per-user rows (segment memberships, recommendations) belong here too.
    package static let userTables: [(name: String, column: String)] = [
        ("events", "user_id"),
        ("profiles", "user_id"),
        ("segment_memberships", "user_id")
    ]

    /// Category paths as one column.
    package static func categories(_ categories: [String]) -> String { categories.joined(separator: "|") }

    /// The category paths of a stored column.
    package static func categories(fromColumn column: String) -> [String] {
        column.isEmpty ? [] : column.components(separatedBy: "|")
    }

    package static func attributes(fromJSON json: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }

    /// The stored form of item and user attributes: a JSON object with sorted keys.
    package static func attributesJSON(_ attributes: [String: String]) -> String {
        guard !attributes.isEmpty else { return "{}" }
        let members = attributes.sorted { $0.key < $1.key }.map { jsonString($0.key) + ":" + jsonString($0.value) }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// `text` as a JSON string literal.
    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `value` as JSON with sorted keys.
    package static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The value of JSON `text`.
    package static func decode<T: Decodable>(_ type: T.Type, json text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// The interests of a profile's three layers, as stored.
    package struct Interests: Codable {
        var surface: [Interest]
        var middle: [Interest]
        var deep: [Interest]

        package init(_ profile: UserProfile) {
            surface = profile.surface.interests
            middle = profile.middle.interests
            deep = profile.deep.interests
        }
    }

    /// A profile from its stored columns.
    package static func profile(
        user: String, referenceTime: Int64, eventCount: Int, interests: String,
        surface: Data, middle: Data, deep: Data
    ) throws -> UserProfile {
        let interests = try decode(Interests.self, json: interests)
        return UserProfile(
            user: user,
            surface: InterestLayer(interests: interests.surface, vector: floats(surface)),
            middle: InterestLayer(interests: interests.middle, vector: floats(middle)),
            deep: InterestLayer(interests: interests.deep, vector: floats(deep)),
            referenceTime: referenceTime,
            eventCount: eventCount)
    }

    /// A segment model as stored: the model without memberships (those have rows of their own).
    package static func bareSegmentModelJSON(_ model: SegmentModel) throws -> String {
        var bare = model
        bare.memberships = [:]
        return try json(bare)
    }

    /// A stored segment model (memberships apart) without `userID`, who was a member of `segment`
    /// (`nil`: of none); `nil` when the user is neither a member nor a representative, so nothing changes.
    package static func segmentModel(_ model: SegmentModel, without userID: String, segment: Int?) -> SegmentModel? {
        guard segment != nil || model.segments.contains(where: { $0.representativeUsers.contains(userID) }) else {
            return nil
        }
        var model = model
        // `remove(user:)` works from the user's membership, which the stored model keeps in its own table.
        model.memberships[userID] = SegmentMembership(user: userID, segment: segment ?? -1, memberships: [])
        model.remove(user: userID)
        return model
    }

    package static func blob(_ vector: [Float]) -> Data {
        vector.withUnsafeBufferPointer { Data(buffer: $0) }
    }

    package static func floats(_ blob: Data) -> [Float] {
        blob.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}

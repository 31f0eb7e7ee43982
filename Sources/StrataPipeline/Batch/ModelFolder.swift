import Foundation
import StrataCore
import StrataMath
import StrataRecommend

/// The read-only folder `strata export-model` writes and `strata batch` reads: the catalog side of one
/// store's fitted recommender, enough to build layers, memberships and recommendations for users' event
/// histories without the store.
///
/// Files: `manifest.json` (`ModelManifest`), `items.jsonl` (one `Item` a line, in catalog column order),
/// `vectors.npy` (their vectors, float32), `topics.json` (`TopicModel`), `segments.json` (the deep layer's
/// `SegmentModel` without its memberships; absent when the store has too few users to segment),
/// `users.jsonl` (one `FittedUser` a line: the interactions the collaborative generators were fitted on,
/// each user's segment and a hash of their events) and `fits/` (the kept EASE, ItemKNN, ALS and index fits,
/// as `KIND-FINGERPRINT` files read back instead of refitted).
public struct ModelFolder: Sendable {
    /// The folder.
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    var manifest: URL { url.appendingPathComponent("manifest.json") }
    var items: URL { url.appendingPathComponent("items.jsonl") }
    var vectors: URL { url.appendingPathComponent("vectors.npy") }
    var topics: URL { url.appendingPathComponent("topics.json") }
    var segments: URL { url.appendingPathComponent("segments.json") }
    var users: URL { url.appendingPathComponent("users.jsonl") }
    /// Where the kept fits are.
    public var fits: URL { url.appendingPathComponent("fits") }

    /// Reads the manifest, checking its format version.
    public func readManifest() throws -> ModelManifest {
        guard FileManager.default.fileExists(atPath: manifest.path) else {
            throw ModelFolderError("\(url.path) is not an exported model (no manifest.json); run `strata export-model`")
        }
        let decoded = try JSONDecoder().decode(ModelManifest.self, from: Data(contentsOf: manifest))
        guard decoded.format == ModelManifest.currentFormat else {
            throw ModelFolderError(
                "\(url.path): model format \(decoded.format), this strata reads format \(ModelManifest.currentFormat); export it again"
            )
        }
        return decoded
    }

    /// Calls `body` with each line of the JSON Lines file `file`, decoded as `T`.
    func forEachLine<T: Decodable>(of file: URL, as type: T.Type, _ body: (T) throws -> Void) throws {
        let decoder = JSONDecoder()
        var number = 0
        try JSONLines.forEachLine(of: file) { line in
            number += 1
            guard !line.isEmpty else { return }
            do {
                try body(try decoder.decode(T.self, from: Data(line.utf8)))
            } catch let error as DecodingError {
                throw ModelFolderError("\(file.path):\(number): \(error)")
            }
        }
    }
}

/// What an exported model says about itself.
public struct ModelManifest: Codable, Equatable, Sendable {
    /// The version of the folder's layout this strata writes and reads.
    public static let currentFormat = 1

    public var format = ModelManifest.currentFormat
    /// A fingerprint of the store data the model came from (every user's events, the catalog's vectors,
    /// the topics and the chosen parameters): two exports of unchanged data have the same one.
    public var fingerprint: String
    /// The text encoder the item vectors came from.
    public var modelID: String
    /// When it was exported (seconds since 1970).
    public var exportedAt: Double
    public var items: Int
    public var users: Int
    public var events: Int
    /// The hybrid's parameters as the store's model search chose them (batch never searches again).
    public var parameters: HybridParameters
    /// How profiles are built.
    public var profileConfiguration: ProfileConfiguration

    enum CodingKeys: String, CodingKey {
        case format, fingerprint, items, users, events, parameters
        case modelID = "model_id"
        case exportedAt = "exported_at"
        case profileConfiguration = "profile_configuration"
    }
}

/// One user the recommender was fitted on, as `users.jsonl` keeps them.
struct FittedUser: Codable, Equatable {
    var user: String
    /// The user's interactions, oldest first, as catalog columns (what the collaborative generators read).
    var items: [Int]
    /// When each of `items` happened (Unix seconds).
    var times: [Int64]
    /// The user's hard segment in the deep layer, when they have one.
    var segment: Int?
    /// `BatchEvents.hash` of every event of the user's: a batch line with the same events keeps `segment`.
    var events: String

    enum CodingKeys: String, CodingKey {
        case user = "user_id"
        case items, times, segment, events
    }
}

/// Why a model folder cannot be written or read.
public struct ModelFolderError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Reading JSON Lines one line at a time.
enum JSONLines {
    /// Calls `body` with every line of `file` (without its line break).
    static func forEachLine(of file: URL, _ body: (String) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw ModelFolderError("cannot read \(file.path)")
        }
        defer { try? handle.close() }
        try forEachLine(of: handle, body)
    }

    /// Calls `body` with every line read from `handle` until its end (without its line break, `\r\n` or
    /// `\n`; a last line without one counts too), reading it in chunks of 1 MB.
    static func forEachLine(of handle: FileHandle, _ body: (String) throws -> Void) throws {
        var pending = Data()
        func emit(_ bytes: Data) throws {
            let line = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes[...]
            try body(String(decoding: line, as: UTF8.self))
        }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending.append(chunk)
            var start = pending.startIndex
            while let end = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                try emit(pending[start ..< end])
                start = pending.index(after: end)
            }
            pending = Data(pending[start...])
        }
        if !pending.isEmpty { try emit(pending) }
    }
}

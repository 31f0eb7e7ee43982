import Foundation
import StrataCore
import StrataMath

/// The bundled sample: a catalog of 360 items in 36 sub-categories under 12 categories, 2,000
/// simulated users in 12 planted segments, their events over six months, the week after, and the
/// ground truth of what was planted. The same seed gives the same bytes.
public struct SampleGenerator: Sendable {
    /// The seed of the committed sample in `sample/`.
    public static let defaultSeed: UInt64 = 20_240_701
    /// The files the generator writes, in order.
    public static let fileNames = ["items.csv", "users.csv", "events.csv", "next-week.csv", "truth.json"]

    public let seed: UInt64
    public let users: Int
    /// The language of the text (titles, descriptions, searches, reviews, category paths, segment
    /// names); the planted truth is the same in every language.
    public let language: SampleLanguage

    public init(seed: UInt64 = defaultSeed, users: Int = 2000, language: SampleLanguage = .english) {
        self.seed = seed
        self.users = users
        self.language = language
    }

    /// The contents of every file, by name.
    public func files() -> [String: Data] {
        let prose = language.prose
        var random = SeededRandom(seed: seed)
        let catalog = SampleCatalog(prose: prose, random: &random)
        var simulator = Simulator(catalog: catalog, prose: prose, random: SeededRandom(seed: seed &+ 1))
        simulator.run(users: users)

        var items = CSVLine.format(["item_id", "title", "description", "categories"])
        for item in catalog.items {
            items += CSVLine.format([item.id, item.title, item.description, item.categories.joined(separator: "|")])
        }
        var userLines = CSVLine.format(["user_id", "age_band", "gender", "location"])
        for user in simulator.users {
            userLines += CSVLine.format([
                user.id, user.attributes["age_band"]!, user.attributes["gender"]!, user.attributes["location"]!
            ])
        }
        let segments = PlantedSegment.all.enumerated().map { s, segment in
            GroundTruth.Segment(
                id: s, name: prose.segmentNames[s],
                interests: [segment.interests.0, segment.interests.1].map { prose.path(ofEnglish: $0) },
                users: simulator.truths.filter { $0.segment == s }.count)
        }
        let truth = GroundTruth(
            seed: seed, start: Simulator.start, recentStart: Simulator.recentStart, end: Simulator.end,
            nextWeekEnd: Simulator.nextWeekEnd, segments: segments, users: simulator.truths)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [
            "items.csv": Data(items.utf8),
            "users.csv": Data(userLines.utf8),
            "events.csv": Data(Self.eventsCSV(simulator.events).utf8),
            "next-week.csv": Data(Self.eventsCSV(simulator.nextWeek).utf8),
            "truth.json": try! encoder.encode(truth) + Data("\n".utf8)
        ]
    }

    /// Writes every file into `folder`, creating it if needed.
    public func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files() { try data.write(to: folder.appendingPathComponent(name)) }
    }

    /// Reads the ground truth of a sample folder.
    public static func truth(in folder: URL) throws -> GroundTruth {
        try JSONDecoder().decode(GroundTruth.self, from: Data(contentsOf: folder.appendingPathComponent("truth.json")))
    }

    private static func eventsCSV(_ events: [Event]) -> String {
        var out = CSVLine.format(["user_id", "item_id", "event", "timestamp", "value", "text"])
        for e in events {
            out += CSVLine.format([
                e.userID, e.itemID, e.type.rawValue, String(e.timestamp),
                e.value.map { String(Int($0)) } ?? "", e.text ?? ""
            ])
        }
        return out
    }
}

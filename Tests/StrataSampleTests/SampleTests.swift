import Foundation
import StrataCore
import StrataImport
import StrataSQLite
import StrataSample
import StrataTestSupport
import Testing

/// The committed sample is what the generator makes, and what it planted is consistent.
@Suite struct SampleTests {
    static let committed = RepositoryPaths.root.appendingPathComponent("sample")
    static let files = SampleGenerator().files()

    @Test(arguments: SampleGenerator.fileNames)
    func regeneratingGivesTheCommittedBytes(name: String) throws {
        let committed = try Data(contentsOf: Self.committed.appendingPathComponent(name))
        #expect(Self.files[name] == committed, "run `strata sample generate --out sample` and commit the result")
    }

    @Test func anotherSeedGivesAnotherSample() {
        #expect(
            SampleGenerator(seed: 7, users: 50).files()["events.csv"]
                != SampleGenerator(seed: 8, users: 50).files()["events.csv"])
    }

    @Test func truthMatchesThePlan() throws {
        let truth = try JSONDecoder().decode(GroundTruth.self, from: Self.files["truth.json"]!)
        #expect(truth.users.count == 2000 && truth.segments.count == 12)
        #expect(truth.segments.map(\.users).reduce(0, +) == 2000)
        #expect(truth.segments.allSatisfy { $0.users >= 80 && $0.interests.count == 2 })
        for user in truth.users {
            let segment = truth.segments[user.segment]
            if user.drifting {
                #expect(user.longTerm.count == 1 && segment.interests.contains(user.longTerm[0]))
                #expect(user.driftFrom.map(segment.interests.contains) == true && user.recent == [user.driftTo!])
                #expect(!segment.interests.contains(user.driftTo!))
            } else {
                #expect(user.longTerm == segment.interests && user.driftFrom == nil && user.recent.count <= 1)
            }
        }
        let drifting = truth.users.filter(\.drifting).count
        #expect((200 ... 400).contains(drifting))  // planted at 15%
        #expect(truth.users.contains { $0.nextWeekInterest != nil })
    }

    /// The planted interests dominate each user's events: a check that the simulator does what
    /// the truth says, computed from the CSV as any later stage would see it.
    @Test func eventsFollowThePlantedInterests() throws {
        let fixtures = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: fixtures) }
        try SampleGenerator().write(to: fixtures)
        let store = try SQLiteStore(path: fixtures.appendingPathComponent("s.sqlite").path)
        for name in ["items", "users", "events"] {
            let url = fixtures.appendingPathComponent("\(name).csv")
            let summary =
                try name == "items"
                ? Importer.importItems(from: url, into: store)
                : name == "users"
                    ? Importer.importUsers(from: url, into: store) : Importer.importEvents(from: url, into: store)
            #expect(summary.rejected == 0 && summary.duplicates == 0)
        }
        let stats = try store.stats()
        #expect(stats.items == 360 && stats.users == 2000)
        #expect(
            Set(stats.eventsByType.keys) == ["view", "click", "like", "cart", "purchase", "rating", "review", "search"])

        let truth = try SampleGenerator.truth(in: fixtures)
        let category = Dictionary(uniqueKeysWithValues: try store.items().map { ($0.id, $0.categories[0]) })
        var past = 0
        var pastOnLongTerm = 0
        var recent = 0
        var recentOnShortTerm = 0
        for user in truth.users {
            for event in try store.events(ofUser: user.id) where event.type == .view {
                let interest = category[event.itemID]!
                if event.timestamp < truth.recentStart {
                    past += 1
                    if user.longTerm.contains(interest) || user.driftFrom == interest || user.driftTo == interest {
                        pastOnLongTerm += 1
                    }
                } else if !user.recent.isEmpty {
                    recent += 1
                    if user.recent.contains(interest) { recentOnShortTerm += 1 }
                }
            }
        }
        #expect(Double(pastOnLongTerm) / Double(past) > 0.85)  // 90% planted, less noise hitting them
        #expect(Double(recentOnShortTerm) / Double(recent) > 0.45)  // 50–55% planted
    }

    @Test func descriptionsAreVariedSentences() throws {
        let text = String(decoding: Self.files["items.csv"]!, as: UTF8.self)
        let fixtures = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: fixtures) }
        let url = fixtures.appendingPathComponent("items.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let store = try SQLiteStore(path: fixtures.appendingPathComponent("s.sqlite").path)
        _ = try Importer.importItems(from: url, into: store)
        let items = try store.items()
        #expect(Set(items.map(\.description)).count == items.count)
        #expect(items.allSatisfy { $0.description.hasSuffix(".") && $0.description.split(separator: " ").count >= 12 })
        #expect(Set(items.map { $0.categories[0].split(separator: ">")[0] }).count == 12)
        #expect(Set(items.map(\.categories[0])).count == 36)
    }
}

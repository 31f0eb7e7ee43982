import Foundation
import StrataImport
import StrataSQLite
import StrataSample
import StrataTestSupport
import Testing

/// The shop-shaped generator at a small size: reproducible, of the asked size, consistent with
/// itself and with what it planted, and readable by the importer.
@Suite struct ShopGeneratorTests {
    static let shape = ShopShape(seed: 42, users: 300, items: 2000, events: 20000)
    /// The generated log, made once for the suite; a failure fails each test, not the whole run.
    static let generated = Result { try generate(shape) }

    /// The files of a generated log, by name.
    static func generate(_ shape: ShopShape) throws -> [String: Data] {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ShopGenerator(shape: shape).write(to: folder)
        return try Dictionary(
            uniqueKeysWithValues: ShopGenerator.fileNames.map {
                ($0, try Data(contentsOf: folder.appendingPathComponent($0)))
            })
    }

    /// A CSV file's header and rows, split on commas (the generator never quotes).
    static func table(_ data: Data?, _ name: String) -> (header: String, rows: [[Substring]]) {
        let lines = String(decoding: data ?? Data(), as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "\(name) ends with a newline")
        return (
            String(lines[0]),
            lines.dropFirst().dropLast().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        )
    }

    let files: [String: Data]
    let items: (header: String, rows: [[Substring]])
    let events: (header: String, rows: [[Substring]])
    let truth: (header: String, rows: [[Substring]])
    let categoryOfItem: [Substring: Substring]

    init() throws {
        files = try Self.generated.get()
        items = Self.table(files["items.csv"], "items.csv")
        events = Self.table(files["events.csv"], "events.csv")
        truth = Self.table(files["truth.csv"], "truth.csv")
        categoryOfItem = Dictionary(uniqueKeysWithValues: items.rows.map { ($0[0], $0[2]) })
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        #expect(try Self.generate(Self.shape) == files)
        var other = Self.shape
        other.seed = 43
        let otherFiles = try Self.generate(other)
        #expect(otherFiles["items.csv"] == files["items.csv"])  // the catalog is arithmetic
        #expect(otherFiles["events.csv"] != files["events.csv"])
        #expect(otherFiles["truth.csv"] != files["truth.csv"])
    }

    @Test func sizesAreTheAskedOnes() {
        #expect(items.header == "item_id,title,categories")
        #expect(events.header == "user_id,item_id,event,timestamp")
        #expect(truth.header == "user_id,segment,long_term,recent")
        #expect(items.rows.count == 2000 && items.rows.allSatisfy { $0.count == 3 && $0[1].isEmpty })
        #expect(items.rows.first?[0] == "i0000001" && items.rows.last?[0] == "i0002000")
        #expect(abs(events.rows.count - 20000) <= 600)  // within 3%
        #expect(
            truth.rows.count == 300 && Set(events.rows.map { $0[0] }) == Set(truth.rows.map { $0[0] }))
        let leaves = Set(items.rows.map { $0[2] })
        #expect(leaves.count == 10)  // max(10, 2000/200)
        #expect(Set(leaves.map { $0.split(separator: ">")[0] }).count == 3)  // about √10 roots
        #expect(
            leaves.allSatisfy { leaf in
                let parts = leaf.split(separator: ">")
                return parts.count == 2 && parts[1].hasPrefix(parts[0] + ".")
            })
        #expect(Set(events.rows.map { $0[2] }) == ["view", "like", "cart", "purchase"])
    }

    @Test func activityIsHeavyTailed() {
        let perUser = Dictionary(grouping: events.rows, by: { $0[0] }).values.map(\.count).sorted()
        let median = perUser[perUser.count / 2]
        #expect(perUser.last! > 4 * median && perUser.first! >= 1)
    }

    @Test func eventsAreConsistent() {
        var lastTime = [Substring: Int64]()
        var viewed = Set<String>()
        for row in events.rows {
            #expect(row.count == 4)
            #expect(categoryOfItem[row[1]] != nil, "unknown item \(row[1])")
            let time = Int64(row[3])!
            #expect((1_704_067_200 ..< 1_719_792_000).contains(time))
            #expect(time > lastTime[row[0], default: 0], "a user's events are in strictly increasing time")
            lastTime[row[0]] = time
            let pair = "\(row[0]) \(row[1])"
            if row[2] == "view" {
                viewed.insert(pair)
            } else {
                #expect(viewed.contains(pair), "\(row[2]) before a view: \(pair)")
            }
        }
    }

    /// Each user's two most frequent categories are the planted long-term ones for most users.
    @Test func plantedInterestsDominate() {
        let byUser = Dictionary(grouping: events.rows, by: { $0[0] })
        var matched = 0
        var recentSeen = 0
        var withRecent = 0
        for row in truth.rows {
            var counts = [Substring: Int]()
            for event in byUser[row[0]]! { counts[categoryOfItem[event[1]]!, default: 0] += 1 }
            let top = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(2).map(\.key)
            if Set(top) == Set(row[2].split(separator: "|")) { matched += 1 }
            if !row[3].isEmpty {
                withRecent += 1
                if counts[row[3]] != nil { recentSeen += 1 }
            }
        }
        #expect(Double(matched) / Double(truth.rows.count) >= 0.8, "\(matched) of \(truth.rows.count)")
        #expect(withRecent > 0 && Double(recentSeen) / Double(withRecent) >= 0.5)
        // Segments share their long-term categories.
        let bySegment = Dictionary(grouping: truth.rows, by: { $0[1] })
        #expect(
            bySegment.count == 5
                && bySegment.values.allSatisfy { users in
                    Set(users.map { Set($0[2].split(separator: "|")) }).count == 1
                })
    }

    /// Inside a category, the first items of its block (the most popular) take most events.
    @Test func popularityIsZipfLike() {
        var rank = [Substring: Int]()
        var next = [Substring: Int]()
        for row in items.rows {
            rank[row[0]] = next[row[2], default: 0]
            next[row[2], default: 0] += 1
        }
        var top = 0
        var bottomHalf = 0
        for row in events.rows {
            let r = rank[row[1]]!
            if r < 10 { top += 1 } else if r >= 100 { bottomHalf += 1 }
        }
        #expect(top > bottomHalf)  // 5% of the items get more events than the other 50%
    }

    @Test func importsWithoutErrors() throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("shop.sqlite").path)
        let items = try Importer.importItems(from: folder.appendingPathComponent("items.csv"), into: store)
        let events = try Importer.importEvents(from: folder.appendingPathComponent("events.csv"), into: store)
        #expect(items.rejected == 0 && items.duplicates == 0 && items.items == 2000)
        #expect(events.rejected == 0 && events.duplicates == 0 && events.items == 0)
        let stats = try store.stats()
        #expect(stats.items == 2000 && stats.users == 300 && stats.events == self.events.rows.count)
    }

    @Test func badShapesAreRefused() {
        #expect(throws: ShopShapeError.self) { try ShopShape(seed: 1, users: 100, items: 1000, events: 99).validate() }
        #expect(throws: ShopShapeError.self) { try ShopShape(seed: 1, users: 10, items: 5, events: 100).validate() }
        #expect(throws: ShopShapeError.self) {
            try ShopShape(seed: 1, users: 10, items: 50, events: 100, categories: 1).validate()
        }
        #expect(throws: Never.self) {
            try ShopShape(seed: 1, users: 10, items: 50, events: 100, categories: 2).validate()
        }
    }
}

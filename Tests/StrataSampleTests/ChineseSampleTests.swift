import Foundation
import StrataSample
import Testing

@testable import StrataSample

/// `strata sample generate --language zh`: the same planted truth as the English sample, in Chinese.
@Suite struct ChineseSampleTests {
    static let english = SampleGenerator().files()
    static let chinese = SampleGenerator(language: .chinese).files()

    static func lines(_ name: String, _ files: [String: Data]) -> [String] {
        String(decoding: files[name]!, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The first `count` comma-separated fields of every line of a CSV without quoted commas in them.
    static func leadingFields(_ name: String, _ files: [String: Data], count: Int) -> [[Substring]] {
        lines(name, files).map { Array($0.split(separator: ",", omittingEmptySubsequences: false).prefix(count)) }
    }

    @Test func everyVocabularyListHasTheEnglishLength() {
        #expect(Vocabulary.chinese.count == Vocabulary.english.count)
        for (zh, en) in zip(Vocabulary.chinese, Vocabulary.english) {
            let lengths = { (v: Vocabulary) in
                [v.kinds, v.titleStarts, v.titleEnds, v.features, v.uses, v.audiences, v.searches].map(\.count)
            }
            #expect(lengths(zh) == lengths(en), "\(zh.path) against \(en.path)")
            #expect(zh.style == en.style, "\(zh.path)")
            #expect(zh.path.split(separator: ">").count == 2)
        }
        #expect(Set(Vocabulary.chinese.map(\.path)).count == 36)
        #expect(Set(Vocabulary.chinese.map { $0.path.split(separator: ">")[0] }).count == 12)
        #expect(ChineseProse().segmentNames.count == PlantedSegment.all.count)
    }

    /// Users, event times, items and event types are those of the English sample; only words differ.
    @Test func theChineseSampleHasTheEnglishEventsAndUsers() {
        #expect(Self.chinese["users.csv"] == Self.english["users.csv"])
        for name in ["events.csv", "next-week.csv"] {
            let zh = Self.leadingFields(name, Self.chinese, count: 5)
            #expect(zh == Self.leadingFields(name, Self.english, count: 5), "\(name)")
            #expect(zh.count > 1000)
        }
    }

    @Test func theChineseTruthIsTheEnglishTruthWithChinesePaths() throws {
        let decoder = JSONDecoder()
        let zh = try decoder.decode(GroundTruth.self, from: Self.chinese["truth.json"]!)
        let en = try decoder.decode(GroundTruth.self, from: Self.english["truth.json"]!)
        let paths = Dictionary(
            uniqueKeysWithValues: zip(Vocabulary.english.map(\.path), Vocabulary.chinese.map(\.path)))
        func translated(_ p: String) -> String { paths[p]! }
        #expect(zh.segments.map(\.interests) == en.segments.map { $0.interests.map(translated) })
        #expect(zh.segments.map(\.users) == en.segments.map(\.users))
        #expect(zh.segments.map(\.name) == ChineseProse().segmentNames)
        #expect(zh.segments[0].interests == ["图书>科幻", "影视>太空歌剧"])
        #expect(zh.users.map(\.longTerm) == en.users.map { $0.longTerm.map(translated) })
        #expect(zh.users.map(\.recent) == en.users.map { $0.recent.map(translated) })
        #expect(zh.users.map(\.driftTo) == en.users.map { $0.driftTo.map(translated) })
        #expect(zh.users.map(\.nextWeekInterest) == en.users.map { $0.nextWeekInterest.map(translated) })
        #expect(zh.users.map(\.segment) == en.users.map(\.segment))
    }

    @Test func theChineseCatalogIsChineseWithEnglishNamesMixedIn() {
        let items = Self.lines("items.csv", Self.chinese).dropFirst()
        #expect(items.count == 360)
        let hanShare = { (line: String) -> Double in
            let letters = line.unicodeScalars.filter { $0.properties.isAlphabetic }
            return Double(letters.filter { (0x4E00 ... 0x9FFF).contains($0.value) }.count) / Double(letters.count)
        }
        #expect(items.allSatisfy { hanShare($0) > 0.5 }, "\(items.first { hanShare($0) <= 0.5 } ?? "")")
        let titles = items.map { $0.split(separator: ",")[1] }
        let latin = titles.filter { $0.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic } }
        #expect(latin.count >= 200 && latin.count < 360, "brand names in \(latin.count) of 360 titles")
        #expect(Set(items.map { $0.split(separator: ",")[2] }).count == 360, "descriptions differ")
        #expect(items.allSatisfy { $0.split(separator: ",")[2].hasSuffix("。") })
    }

    @Test(arguments: [
        ("Aurora", "X2", "Aurora X2"), ("Aurora", "Lite 青春版", "Aurora Lite 青春版"), ("龟背竹", "金边", "龟背竹金边"),
        ("Grand", "88键重锤", "Grand 88键重锤"), ("星陨：", "地平线", "星陨：地平线"), ("卡坦", "之岛", "卡坦之岛")
    ])
    func chineseTitlesSpaceOnlyBetweenLatinWords(start: String, end: String, title: String) {
        #expect(ChineseProse().title(start, end) == title)
    }

    @Test func theSameSeedGivesTheSameBytes() {
        let again = SampleGenerator(seed: 7, users: 60, language: .chinese).files()
        #expect(again == SampleGenerator(seed: 7, users: 60, language: .chinese).files())
        #expect(again["items.csv"] != SampleGenerator(seed: 8, users: 60, language: .chinese).files()["items.csv"])
    }
}

import Foundation
import StrataTestSupport
import Testing

/// `strata demo` end to end on the bundled sample: every stage prints, the segments recover the planted
/// ones, and recommendations come with reasons; in English and in Chinese.
struct DemoCommandTests {
    /// The lines `strata demo` prints with `arguments` added, after checking that it succeeded and printed
    /// its six stages, and the adjusted Rand index it reports against the 12 planted segments.
    func demo(_ arguments: [String]) async throws -> (lines: [String], ari: Double) {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try await RepositoryPaths.runStrata(
            ["demo", "--db", folder.appendingPathComponent("demo.sqlite").path] + arguments)
        #expect(run.status == 0, "\(run.error)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(
            lines.filter { $0.hasPrefix("== ") }.map { $0.split(separator: ".")[0] } == (1 ... 6).map { "== \($0)" })
        #expect(lines.contains("== 5. Segments: users grouped on their deep interests"))
        #expect(lines.contains { $0.hasPrefix("== 6. Recommendations with reasons") })
        // The sample plants 12 segments; its users' deep layers should find them nearly exactly.
        let agreement = try #require(
            lines.first { $0.hasPrefix("agreement with the 12 planted segments over 2000 users") })
        let ari = try #require(agreement.firstMatch(of: /adjusted Rand index (\d\.\d+)/).flatMap { Double($0.1) })
        return (lines, ari)
    }

    func isReason(_ line: String) -> Bool { line.wholeMatch(of: /\ {5}(surface|middle|deep): .+ — like .+/) != nil }

    /// The topics the reasons of the five items recommended to `user` name.
    func reasonTopics(of user: String, in lines: [String]) throws -> [String] {
        let start = try #require(lines.firstIndex(of: "top 5 for user \(user)"))
        return lines[(start + 1)...].prefix(10).filter(isReason)
            .map { $0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces) }
    }

    @Test func everyStageRunsAndTheLaterOnesShowSegmentsAndReasons() async throws {
        let (lines, ari) = try await demo([])
        #expect(ari >= 0.9)
        // The two followed users get five items each, every one with a reason naming a layer and an own item.
        #expect(lines.filter(isReason).count == 10)
        // u0001 has lately been half laptops, half music: the calibrated list shows both.
        let topics = try reasonTopics(of: "u0001", in: lines)
        #expect(topics.count == 5)
        #expect(topics.contains("Laptops"), "\(topics)")
        #expect(topics.contains { $0 != "Laptops" }, "\(topics)")
        // A newcomer who talks about espresso and sourdough is closest to the coffee or baking topic.
        let closest = try #require(lines.first { $0.hasPrefix("closest topics: ") })
        #expect(closest.hasPrefix("closest topics: Coffee") || closest.hasPrefix("closest topics: Baking"))
        #expect(lines.filter { $0.hasPrefix("     matches your description through the topic ") }.count == 5)
    }

    /// The Chinese sample: the same planted truth, found as well, named in Chinese.
    @Test func theChineseDemoFindsThePlantedSegmentsAndNamesThemInChinese() async throws {
        let (lines, ari) = try await demo(["--language", "zh"])
        #expect(ari >= 0.9)
        #expect(lines.filter(isReason).count == 10)
        let topics = try reasonTopics(of: "u0001", in: lines)
        #expect(topics.count == 5)
        #expect(topics.contains("笔记本电脑"), "\(topics)")
        let han = { (text: String) in text.unicodeScalars.contains { (0x4E00 ... 0x9FFF).contains($0.value) } }
        #expect(topics.allSatisfy(han), "\(topics)")
        let closest = try #require(lines.first { $0.hasPrefix("closest topics: ") })
        #expect(closest.hasPrefix("closest topics: 咖啡") || closest.hasPrefix("closest topics: 烘焙"), "\(closest)")
    }
}

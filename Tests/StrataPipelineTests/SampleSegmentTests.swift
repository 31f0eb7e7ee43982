import Foundation
import StrataCluster
import StrataCore
import StrataEmbedding
import StrataImport
import StrataSQLite
import StrataSample
import StrataTestSupport
import Testing

@testable import StrataPipeline

/// Issue 6's acceptance on the bundled sample: deep-layer segments against the segments the simulator
/// planted (truth.json), stable ids and labels, and the next week's events through the dynamic path; in
/// English and in Chinese.
@Suite(.serialized) struct SampleSegmentTests {
    struct Truth: Decodable {
        struct User: Decodable {
            let id: String
            let segment: Int
            let drifting: Bool
            let nextWeekInterest: String?
        }
        let users: [User]
    }

    /// Everything is computed once, in order, since the last step changes the store.
    final class Built: @unchecked Sendable {
        let folder: URL
        let truth: Truth
        let first: SegmentModel
        let second: SegmentModel
        let secondChanges: SegmentChanges?
        let fresh: SegmentModel
        let afterWeek: SegmentModel
        let weekUpdate: SegmentUpdate
        let weekUsers: [String]

        init(_ language: SampleLanguage) throws {
            folder = try RepositoryPaths.temporaryFolder()
            let store = try SQLiteStore(path: folder.appendingPathComponent("sample.sqlite").path)
            let sample = try SampleFixture.folder(language, scratch: folder)
            _ = try Importer.importItems(from: sample.appendingPathComponent("items.csv"), into: store)
            _ = try Importer.importEvents(from: sample.appendingPathComponent("events.csv"), into: store)
            let embedder = try SampleFixture.embedder(language)
            let pipeline = Pipeline(store: store, modelID: embedder.modelID, embedder: { embedder })
            truth = try JSONDecoder().decode(
                Truth.self, from: Data(contentsOf: sample.appendingPathComponent("truth.json")))

            first = try pipeline.segments(layer: .deep, catalog: try pipeline.catalog())
            (second, secondChanges) = try pipeline.refitSegments(layer: .deep, catalog: try pipeline.catalog())
            fresh = try Segmenter(layer: .deep).fit(
                profiles: try store.profiles(), topics: try pipeline.catalog().topics)
            pipeline.segmentation.refitDrift = 1  // measure the streaming path alone
            let applied = try pipeline.applyEvents(
                Importer.readEvents(from: sample.appendingPathComponent("next-week.csv")))
            weekUsers = applied.users
            guard let update = applied.segments[.deep], let model = try store.segmentModel(layer: .deep) else {
                throw CocoaError(.coderValueNotFound)
            }
            (weekUpdate, afterWeek) = (update, model)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    static let english = Result { try Built(.english) }
    static let chinese = Result { try Built(.chinese) }

    /// The sample in `language`, built once.
    static func built(_ language: SampleLanguage) throws -> Built {
        try (language == .english ? english : chinese).get()
    }

    @Test(arguments: SampleLanguage.allCases)
    func deepSegmentsRecoverThePlantedSegments(language: SampleLanguage) throws {
        let built = try Self.built(language)
        let users = built.truth.users.filter { built.first.memberships[$0.id] != nil }
        #expect(users.count == built.truth.users.count)
        let ari = try ClusterMetrics.adjustedRandIndex(
            users.map(\.segment), users.map { built.first.membership(of: $0.id)! })
        // Issue 30: with k chosen within 5…40 by usable segments, the planted 12 are still found (measured
        // 0.994 in English).
        #expect(ari >= 0.95, "ARI \(ari) over \(built.first.segments.count) segments")
        #expect(built.first.countChoice?.segments == 12, "\(built.first.countChoice?.reason ?? "k was given")")
        #expect(
            Set(built.first.segments.map(\.label)).count == built.first.segments.count,
            "labels: \(built.first.segments.map(\.label))")
        #expect(
            built.first.segments.allSatisfy { ($0.distinctiveInterests?.first?.lift ?? 0) >= 1.5 },
            "\(built.first.segments.map { $0.distinctiveInterests?.first?.lift ?? 0 })")
        #expect(built.first.segments.allSatisfy { ($0.stability ?? 0) >= 0.9 })
    }

    @Test(arguments: SampleLanguage.allCases)
    func runningTwiceGivesTheSameIdsAndLabels(language: SampleLanguage) throws {
        let built = try Self.built(language)
        #expect(built.second.segments.map(\.id) == built.first.segments.map(\.id))
        #expect(built.second.segments.map(\.label) == built.first.segments.map(\.label))
        #expect(built.second.memberships == built.first.memberships)
        let changes = try #require(built.secondChanges)
        #expect(changes.movedUsers.isEmpty && changes.births.isEmpty && changes.deaths.isEmpty)
        #expect(changes.merges.isEmpty && changes.splits.isEmpty)
        #expect(built.fresh == built.first, "an independent fit of the same profiles gives the same model")
    }

    /// "Changed" from the truth: users who drift between interests, or take up a new one next week.
    @Test(arguments: SampleLanguage.allCases)
    func theNextWeekMovesMostlyUsersWhoseInterestsChanged(language: SampleLanguage) throws {
        let built = try Self.built(language)
        let changed = Set(built.truth.users.filter { $0.drifting || $0.nextWeekInterest != nil }.map(\.id))
        let moved = Set(built.weekUpdate.moved.map(\.user))
        let hits = moved.intersection(changed).count
        let precision = moved.isEmpty ? 1 : Double(hits) / Double(moved.count)
        let touchedChanged = changed.intersection(built.weekUsers).count
        let recall = touchedChanged == 0 ? 1 : Double(hits) / Double(touchedChanged)
        print(
            "\(language) next week: \(built.weekUsers.count) users reassigned, \(moved.count) moved, \(hits) of them changed; "
                + "precision \(precision), recall \(recall) (of \(touchedChanged) changed users with events next week)")
        // Measured: 8 of 1,397 reassigned users moved, 7 of them changed (precision 0.88); recall is 0.02 of
        // the 329 changed users with events next week — deep segments follow long-term interests by design.
        #expect(precision >= 0.75)
        #expect(built.weekUpdate.users == built.weekUsers.count)
        #expect(Double(moved.count) <= 0.05 * Double(built.weekUsers.count), "only a few users move")
        #expect(built.afterWeek.segments.map(\.id) == built.first.segments.map(\.id))
        #expect(built.afterWeek.segments.reduce(0) { $0 + $1.size } == built.afterWeek.memberships.count)
    }
}

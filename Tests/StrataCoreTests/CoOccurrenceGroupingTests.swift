import Foundation
import StrataMath
import StrataTestSupport
import Testing

@testable import StrataCore

/// Coarse topics of an id-only catalog from the fine topics users meet together.
@Suite struct CoOccurrenceGroupingTests {
    /// Histories as a `UserHistories` over fixed lists.
    static func histories(_ lists: [[String]]) -> UserHistories {
        { visit in for list in lists { try visit(list) } }
    }

    @Test func topicsWithinTheWindowAreCountedOnceARunAndNeverWithThemselves() throws {
        let topicOf = ["a": 0, "b": 1, "c": 2, "a2": 0]
        var grouping = CoOccurrenceGrouping()
        grouping.window = 1
        // Runs: [0, 1, 2] (a, a2 and a are one run; x has no topic) and [2, 0].
        let lists = [["a", "a2", "b", "c"], ["c", "x", "a"]]
        let adjacent = try grouping.counts(Self.histories(lists), topicOf: topicOf, topicCount: 3)
        #expect(adjacent == [0, 1, 1, 1, 0, 1, 1, 1, 0])
        grouping.window = 5
        let wide = try grouping.counts(Self.histories(lists + [["a", "b", "a"]]), topicOf: topicOf, topicCount: 3)
        #expect(wide == [0, 3, 2, 3, 0, 1, 2, 1, 0])
    }

    /// By hand: N = 6, row sums 3, 2, 1; PMI(0, 1) = log(2·6 / (3·2)) = log 2, PMI(0, 2) = log(1·6 / (3·1)) = log 2.
    @Test func ppmiIsPositivePointwiseMutualInformation() {
        let ppmi = CoOccurrenceGrouping.ppmi([0, 2, 1, 2, 0, 0, 1, 0, 0], n: 3)
        let log2 = Float(log(2.0))
        #expect(
            ppmi.values.map { ($0 * 1e5).rounded() }
                == [0, log2, log2, log2, 0, 0, log2, 0, 0].map { ($0 * 1e5).rounded() })
    }

    /// `IdOnlyShop`, whose users meet categories 0, 1, 2 together and 3, 4, 5 together.
    static func shop() -> (items: [Item], vectors: Matrix, histories: [[String]]) {
        (
            IdOnlyShop.catalog.items, Matrix(rowVectors: IdOnlyShop.catalog.vectors),
            IdOnlyShop.histories(meeting: [[0, 1, 2], [3, 4, 5]], users: 20)
        )
    }

    func coarseGroups(_ model: TopicModel, of items: [Item]) -> Set<Set<String>> {
        let byParent = Dictionary(grouping: items) { model.parent(of: model.itemTopics[$0.id]!) }
        return Set(byParent.values.map { Set($0.flatMap { $0.categoryLevels.compactMap(\.last) }) })
    }

    @Test func anIdOnlyCatalogsCoarseTopicsGroupWhatUsersMeetTogether() throws {
        let (items, vectors, histories) = Self.shop()
        var modeler = TopicModeler(fineTopicCount: 6, coarseTopicCount: 2)
        modeler.coOccurrence.largestShare = 0.5
        let model = try modeler.fit(
            items: items, vectors: vectors, modelID: "test", histories: Self.histories(histories))
        #expect(model.fine.count == 6)
        #expect(coarseGroups(model, of: items) == [["0", "1", "2"], ["3", "4", "5"]])
        // Without histories the vectors decide.
        let alone = try TopicModeler(fineTopicCount: 6, coarseTopicCount: 3).fit(
            items: items, vectors: vectors, modelID: "test")
        #expect(coarseGroups(alone, of: items) == [["0", "3"], ["1", "4"], ["2", "5"]])
    }

    @Test func noCoarseTopicHoldsMoreThanTheLargestShare() throws {
        let (items, vectors, histories) = Self.shop()
        var modeler = TopicModeler(fineTopicCount: 6, coarseTopicCount: 2)
        modeler.coOccurrence.largestShare = 0.4
        let model = try modeler.fit(
            items: items, vectors: vectors, modelID: "test", histories: Self.histories(histories))
        #expect(model.coarse.allSatisfy { $0.size <= 12 })
        #expect(model.coarse.count == 3)
    }

    @Test func aCatalogWithTextOrACategoryTreeKeepsTheCoarseTopicsOfItsVectorsAndRoots() throws {
        let (shop, vectors, histories) = Self.shop()
        var titled = shop
        for index in titled.indices { titled[index].title = "Item \(index)" }
        // Roots that pair the categories as the vectors do.
        var tree = shop
        for index in tree.indices { tree[index].categories = ["r\(index / 5 % 3)>\(index / 5)"] }
        var modeler = TopicModeler(fineTopicCount: 6, coarseTopicCount: 3)
        modeler.coOccurrence.largestShare = 0.5
        for items in [titled, tree] {
            let model = try modeler.fit(
                items: items, vectors: vectors, modelID: "test", histories: Self.histories(histories))
            #expect(coarseGroups(model, of: items) == [["0", "3"], ["1", "4"], ["2", "5"]])
        }
    }
}

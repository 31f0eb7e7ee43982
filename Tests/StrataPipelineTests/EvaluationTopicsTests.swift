import Foundation
import StrataCore
import StrataEvaluation
import StrataPipeline
import StrataSQLite
import StrataStore
import StrataTestSupport
import Testing

/// `strata evaluate` on a catalog without text: its coarse topics come from users' histories, so the evaluation
/// fits them on its train events alone (`Pipeline.evaluationCatalog`), not on the store's, which hold the test period.
@Suite struct EvaluationTopicsTests {
    func coarseGroups(_ model: TopicModel) -> Set<Set<String>> {
        let byParent = Dictionary(grouping: model.itemTopics) { model.parent(of: $0.value) }
        return Set(byParent.values.map { Set($0.map { String($0.key.dropFirst().prefix { $0 != "-" }) }) })
    }

    @Test func anIdOnlyCatalogsEvaluationTopicsReadTrainAlone() throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("s.sqlite").path)
        let (items, vectors) = IdOnlyShop.catalog
        // The store's events meet 0, 1, 2 and 3, 4, 5 together; the evaluation's train meets 0, 4, 5 and 3, 1, 2.
        let stored = IdOnlyShop.histories(meeting: [[0, 1, 2], [3, 4, 5]], users: 20)
        try store.write { writer in
            for item in items { try writer.upsert(item) }
            for (user, history) in stored.enumerated() {
                for (time, item) in history.enumerated() {
                    try writer.insert(Event(userID: "u\(user)", itemID: item, type: .view, timestamp: Int64(time)))
                }
            }
        }
        // The planted vectors stand for the items' (the encoder only embeds the topics' keywords).
        let embedder = try PipelineTests.embedder()
        try store.saveEmbeddings(
            zip(items, vectors).map {
                ItemEmbedding(EmbeddingInput(itemID: $0.id, text: $0.embeddingText), vector: $1)
            },
            model: embedder.modelID)
        let pipeline = Pipeline(store: store, modelID: embedder.modelID, embedder: { embedder })
        pipeline.topicModeler = TopicModeler(fineTopicCount: 6, coarseTopicCount: 2)
        pipeline.topicModeler.coOccurrence.largestShare = 0.5

        let train = IdOnlyShop.histories(meeting: [[0, 4, 5], [3, 1, 2]], users: 20)
        #expect(
            coarseGroups(try pipeline.evaluationCatalog(train: train).topics) == [
                ["0", "4", "5"], ["3", "1", "2"]
            ])
        // The store's own topics read every stored event, and are what a catalog with text gets in an evaluation.
        #expect(coarseGroups(try pipeline.catalog().topics) == [["0", "1", "2"], ["3", "4", "5"]])
    }

    @Test func trainHistoriesAreEachUsersTrainItemsInOrder() {
        let interactions =
            (0 ..< 10).map { Interaction(user: "a", item: "i\($0)", timestamp: Int64($0)) }
            + (0 ..< 3).map { Interaction(user: "b", item: "j\($0)", timestamp: Int64($0)) }
        // a: 10 interactions, the last 2 (20%) held out; b: fewer than 5, wholly train.
        #expect(
            TemporalSplit(interactions).trainHistories == [(0 ..< 8).map { "i\($0)" }, ["j0", "j1", "j2"]])
    }
}

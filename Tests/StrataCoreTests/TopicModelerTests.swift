import Foundation
import StrataMath
import StrataText
import Testing

@testable import StrataCore

@Suite struct TopicModelerTests {
    /// Three groups of ten items: each group has its own direction in 6-d, its own words and category;
    /// groups 0 and 1 lie close together (a shared coarse topic), group 2 far away.
    static func catalog() -> (items: [Item], vectors: Matrix) {
        let words = [["starship", "galaxy"], ["smuggler", "asteroid"], ["espresso", "grinder"]]
        let categories = ["Movies>Space Opera", "Movies>Space Western", "Kitchen>Coffee"]
        let directions: [[Float]] = [[1, 0.35, 0, 0, 0, 0], [0.35, 1, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0]]
        var random = SeededRandom(seed: 7)
        var items = [Item]()
        var rows = [[Float]]()
        for group in 0 ..< 3 {
            for i in 0 ..< 10 {
                items.append(
                    Item(
                        id: "g\(group)-\(i)", title: "\(words[group][0].capitalized) \(i)",
                        description: "A \(words[group][1]) story number \(i) about the \(words[group][0]).",
                        categories: [categories[group]]))
                rows.append(VectorMath.normalized(directions[group].map { $0 + Float(random.nextGaussian()) * 0.03 }))
            }
        }
        return (items, Matrix(rowVectors: rows))
    }

    /// A catalog past `fitSampleSize` is clustered on a sample and every item joins its nearest topic:
    /// the groups come out as when fitting on everything.
    @Test func aLargeCatalogIsFittedOnASampleAndEveryItemAssigned() throws {
        let (items, vectors) = Self.catalog()
        var sampled = TopicModeler(fineTopicCount: 3, coarseTopicCount: 2)
        sampled.fitSampleSize = 12
        let model = try sampled.fit(items: items, vectors: vectors, modelID: "test")
        #expect(model.itemTopics.count == 30)
        #expect(model.fine.map(\.size).reduce(0, +) == 30)
        let topicOfGroup = (0 ..< 3).map { group in Set((0 ..< 10).map { model.itemTopics["g\(group)-\($0)"]! }) }
        #expect(topicOfGroup.allSatisfy { $0.count == 1 }, "a group split: \(topicOfGroup)")
        #expect(Set(topicOfGroup.flatMap { $0 }).count == 3, "two groups share a topic")
    }

    @Test func aTopicOfItemsKnownOnlyByManyCategoriesIsNamedByItsCommonestOnes() {
        // No keywords and no category on a quarter of the items: the two commonest name it.
        let categories = ["111", "111", "222", "222", "333", "444", "555", "666", "777"]
        let items = categories.enumerated().map { Item(id: "i\($0)", title: "", categories: [$1]) }
        #expect(TopicModeler().label(of: items, keywords: [], level: .leaf) == "111 & 222")
        // A category on a quarter of them is dominant and names it alone; two on half of them both do.
        #expect(TopicModeler().label(of: Array(items.prefix(8)), keywords: [], level: .leaf) == "111")
        #expect(TopicModeler().label(of: Array(items.prefix(4)), keywords: [], level: .leaf) == "111 & 222")
    }

    @Test func fineTopicsRecoverTheGroupsAndAreNamedByCategoryAndKeywords() throws {
        let (items, vectors) = Self.catalog()
        let model = try TopicModeler(fineTopicCount: 3, coarseTopicCount: 2).fit(
            items: items, vectors: vectors, modelID: "test")
        #expect(model.fine.count == 3 && model.coarse.count == 2)
        for group in 0 ..< 3 {
            let topicsOfGroup = Set((0 ..< 10).map { model.itemTopics["g\(group)-\($0)"]! })
            #expect(topicsOfGroup.count == 1, "group \(group) split across topics")
        }
        let coffee = model.fine[model.itemTopics["g2-0"]!]
        #expect(coffee.label == "Coffee: espresso, grinder")
        #expect(Array(coffee.keywords.prefix(2)).sorted() == ["espresso", "grinder"])
        #expect(coffee.size == 10)
        #expect(coffee.representativeItems.count == 3 && coffee.representativeItems.allSatisfy { $0.hasPrefix("g2-") })
        // The two space groups share a coarse parent labelled by their common root category.
        let opera = model.itemTopics["g0-0"]!
        let western = model.itemTopics["g1-0"]!
        #expect(model.parent(of: opera) == model.parent(of: western))
        #expect(model.parent(of: opera) != model.parent(of: model.itemTopics["g2-0"]!))
        #expect(model.topic(model.parent(of: opera)).label.hasPrefix("Movies"))
        #expect(model.topic(model.parent(of: opera)).size == 20)
    }

    /// Titles from a hand-made Chinese corpus of four words (电影, 音乐, 咖啡, 小说; see ChineseLexiconTests),
    /// each text five times: the model keeps the words it learned, through JSON too, and an English catalog's
    /// model, like one stored before the lexicon was kept, has none.
    @Test func aChineseCatalogsModelKeepsItsLearnedWords() throws {
        let corpus = ["电影音乐", "音乐咖啡", "咖啡电影", "小说电影", "音乐小说", "咖啡小说"]
        var (items, vectors) = Self.catalog()
        for index in items.indices { items[index].title = corpus[index % corpus.count] }
        let model = try TopicModeler(fineTopicCount: 3, coarseTopicCount: 2).fit(
            items: items, vectors: vectors, modelID: "test")
        #expect(model.lexicon?.words == ["电影", "音乐", "咖啡", "小说"])
        let decoded = try JSONDecoder().decode(TopicModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)

        let english = try TopicModeler(fineTopicCount: 3, coarseTopicCount: 2).fit(
            items: Self.catalog().items, vectors: vectors, modelID: "test")
        #expect(english.lexicon == nil)
        let stored = Data(#"{"modelID": "old", "fine": [], "coarse": [], "itemTopics": {}}"#.utf8)
        #expect(try JSONDecoder().decode(TopicModel.self, from: stored).lexicon == nil)
    }

    @Test func automaticCountsFindThreeFineAndTwoCoarseTopics() throws {
        let (items, vectors) = Self.catalog()
        let model = try TopicModeler().fit(items: items, vectors: vectors, modelID: "test")
        #expect(model.fine.count == 3)
        #expect(model.coarse.count == 2)
    }

    @Test func newItemsGetTheirNearestTopicWithoutRefitting() throws {
        let (items, vectors) = Self.catalog()
        var model = try TopicModeler(fineTopicCount: 3).fit(items: items, vectors: vectors, modelID: "test")
        let before = model.fine
        model.assign([(id: "new-coffee", vector: VectorMath.normalized([0, 0, 0.1, 1, 0, 0]))])
        #expect(model.itemTopics["new-coffee"] == model.itemTopics["g2-0"])
        #expect(model.fine == before)
    }

    @Test func tooFewItemsIsAClearError() {
        #expect(throws: TopicError.tooFewItems(2)) {
            try TopicModeler().fit(
                items: [Item(id: "a", title: "a"), Item(id: "b", title: "b")],
                vectors: Matrix(rowVectors: [[1, 0], [0, 1]]), modelID: "test")
        }
    }
}

@Suite struct KeywordSelectorTests {
    // a and b say nearly the same (cosine 0.999); c is less relevant but says something else.
    let vectors: [String: [Float]] = ["a": [0.9, 0.436, 0], "b": [0.88, 0.475, 0], "c": [0.8, 0, 0.6]]

    @Test func withoutDiversityKeywordsRankBySimilarityToTheCentroid() {
        var selector = KeywordSelector()
        selector.diversity = 0
        let picked = selector.select(["c", "b", "a", "unknown"], vectors: vectors, centroid: [1, 0, 0], count: 3)
        #expect(picked.map(\.term) == ["a", "b", "c"])
        #expect(abs(picked[0].score - 0.9) < 1e-6)
    }

    @Test func diversityTakesANewMeaningBeforeANearDuplicate() {
        var selector = KeywordSelector()
        selector.diversity = 0.5
        #expect(
            selector.select(["a", "b", "c"], vectors: vectors, centroid: [1, 0, 0], count: 2).map(\.term) == ["a", "c"])
    }
}

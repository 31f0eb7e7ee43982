import Foundation
import StrataCore
import StrataEmbedding
import StrataEvaluation
import StrataLLM
import StrataMath
import StrataStore

/// The stages of DESIGN.md's pipeline run against one store: embed items, fit topics, build profiles.
///
/// The catalog's stages (every item's vector, the topics) are computed once by `catalog()`, which embeds
/// and fits what is missing or stale and says so through `log`, and are handed as a value to the stages
/// after them (profiles, segments, the recommender), which bring their own results up to date when
/// stale (`ensureProfiles`) and otherwise read what is stored. So any command works right after an import,
/// and no stage loads the catalog's vectors again.
public final class Pipeline {
    public let store: any Store
    /// The id the text encoder's vectors are stored under.
    public let modelID: String
    /// How topics are fitted when they are missing.
    public var topicModeler = TopicModeler()
    /// How profiles are built.
    public var profileConfiguration = ProfileConfiguration()
    /// How segments are fitted, kept current as events arrive, and matched between fits.
    public var segmentation = SegmentSettings()
    /// Where fitted recommender models are kept between runs, so a fit on unchanged data is read back
    /// rather than recomputed (the CLI keeps them in a folder beside a SQLite database, in the database
    /// itself on PostgreSQL, where servers sharing it read each other's fits); `nil` fits every time.
    public var fitKeeper: (any FitKeeper)?
    /// How `recommend` and `serve` choose the hybrid on the store's own data (`hybridParameters(catalog:)`);
    /// `nil` keeps the parameters an older `strata evaluate` stored, else the defaults (`--no-tune`).
    public var tuning: ModelSearch.Settings? = ModelSearch.Settings()
    /// Names topics and segments with a generative model (`useLLM`); `nil` keeps the keyword labels.
    public private(set) var namer: LabelNamer?
    /// Receives one line per stage that runs.
    public var log: (String) -> Void
    /// Makes a progress reporter for a stage with a label and a total.
    public var progress: (String, Int) -> any ProgressReporter

    private let loadEmbedder: () throws -> any TextEmbedder
    private var loadedEmbedder: (any TextEmbedder)?

    /// A pipeline over `store`; the encoder is loaded by `embedder` only when a stage needs it.
    public init(
        store: any Store, modelID: String, embedder: @escaping () throws -> any TextEmbedder,
        log: @escaping (String) -> Void = { _ in },
        progress: @escaping (String, Int) -> any ProgressReporter = { _, _ in SilentProgress() }
    ) {
        self.store = store
        self.modelID = modelID
        self.loadEmbedder = embedder
        self.log = log
        self.progress = progress
    }

    /// The text encoder, loaded on first use.
    public func embedder() throws -> any TextEmbedder {
        if let loadedEmbedder { return loadedEmbedder }
        let embedder = try loadEmbedder()
        loadedEmbedder = embedder
        return embedder
    }

    /// Names topics and segments through the OpenAI-compatible endpoint of `configuration`, keeping the
    /// validated answers in the store so that unchanged data is never asked about twice; `observe` sees
    /// every request body that leaves the process.
    public func useLLM(_ configuration: LLMConfiguration, observe: @escaping @Sendable (String) -> Void = { _ in }) {
        namer = LabelNamer(client: ChatClient(configuration, observe: observe), cache: StoredAnswers(store: store))
    }

    // MARK: Embeddings

    /// Embeds every item whose vector is missing or was computed from a different text; returns how many.
    /// Each distinct text is encoded once, however many items share it (catalogs known only by id and
    /// category have one text per category).
    @discardableResult
    public func embedItems() throws -> Int {
        let inputs = try store.itemsLackingEmbedding(model: modelID) { $0.embeddingText }
        try embed(inputs) { try store.saveEmbeddings($0, model: modelID) }
        return inputs.count
    }

    /// Encodes `inputs`, each distinct text once, handing `save` the vectors chunk by chunk.
    private func embed(_ inputs: [EmbeddingInput], save: ([ItemEmbedding]) throws -> Void) throws {
        guard !inputs.isEmpty else { return }
        var itemsOfText = [String: [EmbeddingInput]]()
        var texts = [String]()
        for input in inputs {
            if itemsOfText[input.text] == nil { texts.append(input.text) }
            itemsOfText[input.text, default: []].append(input)
        }
        log(
            texts.count == inputs.count
                ? "embedding \(inputs.count) items that lack a current vector"
                : "embedding \(inputs.count) items that lack a current vector (\(texts.count) distinct texts)")
        let encoder = try embedder()
        let bar = progress("embedding items", texts.count)
        let chunk = 1024
        for start in stride(from: 0, to: texts.count, by: chunk) {
            let part = Array(texts[start ..< min(start + chunk, texts.count)])
            let vectors = encoder.embedPassages(part) { bar.update(start + $0) }
            try save(
                part.enumerated().flatMap { row, text in
                    itemsOfText[text]!.map { ItemEmbedding($0, vector: vectors.row(row)) }
                })
        }
        bar.finish()
    }

    /// `builder` brought up to date with the stored `items` (just upserted): embeds those whose vector is
    /// missing or was computed from another text (as `embedItems` would, reading only these items), gives
    /// the new ones their nearest topics (stored, as `catalog()` does) and returns the builder that knows
    /// them, with how many items were embedded. Costs what these items cost, plus a copy of the builder's
    /// vectors in memory (`ProfileBuilder.adding`) and, when items are new, writing the topic model back
    /// whole; nothing is read from the catalog's vectors. A builder without vectors or topics is made from
    /// scratch (`catalog()`).
    public func builder(_ builder: ProfileBuilder, knowing items: [Item]) throws -> (
        builder: ProfileBuilder, embedded: Int
    ) {
        guard builder.vectors.rows > 0, !builder.topics.fine.isEmpty else {
            let embedded = try embedItems()
            return (profileBuilder(try loadedCatalog()), embedded)
        }
        let inputs = try store.itemsLackingEmbedding(model: modelID, among: items.map(\.id)) { $0.embeddingText }
        var embedded = [ItemEmbedding]()
        try embed(inputs) { part in
            try store.saveEmbeddings(part, model: modelID)
            embedded += part
        }
        guard !embedded.isEmpty else { return (builder, 0) }
        var topics = builder.topics
        let unseen = embedded.filter { topics.itemTopics[$0.itemID] == nil }
        if !unseen.isEmpty {
            log("assigning \(unseen.count) new items to their nearest topics")
            topics.assign(unseen.map { (id: $0.itemID, vector: $0.vector) })
            try saveTopics(topics)
        }
        let added = EmbeddingSet(
            itemIDs: embedded.map(\.itemID), vectors: Matrix(rowVectors: embedded.map(\.vector)))
        return (builder.adding(added, topics: topics), inputs.count)
    }

    /// The catalog's stages, brought up to date: every item's vector (the items that lack one, or whose
    /// text changed, embedded first) and the topics over them (fitted when the store has none, or when
    /// `refitTopics`; otherwise the stored ones, items added since given their nearest topic).
    public func catalog(refitTopics: Bool = false) throws -> CatalogStages {
        try embedItems()
        return try loadedCatalog(refitTopics: refitTopics)
    }

    /// `catalog()` once every item has its current vector (`embedItems`).
    private func loadedCatalog(refitTopics: Bool = false) throws -> CatalogStages {
        let vectors = try store.loadEmbeddings(model: modelID)
        return CatalogStages(vectors: vectors, topics: try topics(refit: refitTopics, vectors: vectors))
    }

    // MARK: Topics

    /// The topics over `vectors` (every item's): fitted when the store has none (or when `refit`),
    /// otherwise the stored ones with items added since given their nearest topic.
    func topics(refit: Bool = false, vectors: EmbeddingSet) throws -> TopicModel {
        if !refit, var model = try store.topicModel(model: modelID) {
            let rowOf = Dictionary(uniqueKeysWithValues: vectors.itemIDs.enumerated().map { ($1, $0) })
            let unseen = vectors.itemIDs.filter { model.itemTopics[$0] == nil }
            guard !unseen.isEmpty else { return model }
            log("assigning \(unseen.count) new items to their nearest topics")
            model.assign(unseen.map { (id: $0, vector: vectors.vectors.row(rowOf[$0]!)) })
            try saveTopics(model)
            return model
        }
        log("fitting topics on \(vectors.itemIDs.count) items")
        let model = try fitTopics(
            items: try catalogItems(of: vectors), vectors: vectors, histories: interactionHistories)
        try saveTopics(model)
        return model
    }

    /// The catalog's stages an evaluation whose train events are `train` (each user's interacted item ids in
    /// time order) may use: `catalog()`'s, except that a catalog without text, which groups its coarse topics
    /// by the store's histories (test period included), has its topics fitted afresh on `train` alone (and not
    /// stored): nothing of the test period shapes the deep layers or reasons being scored.
    public func evaluationCatalog(train: [[String]]) throws -> CatalogStages {
        try embedItems()
        let vectors = try store.loadEmbeddings(model: modelID)
        let items = try catalogItems(of: vectors)
        guard topicModeler.readsHistories(of: items) else {
            return CatalogStages(vectors: vectors, topics: try topics(vectors: vectors))
        }
        log("fitting topics on \(vectors.itemIDs.count) items and the evaluation's train events only")
        return CatalogStages(
            vectors: vectors,
            topics: try fitTopics(items: items, vectors: vectors) { visit in for history in train { try visit(history) }
            })
    }

    /// The stored item of every vector, in the vectors' order (an item missing from the store titled by its id).
    private func catalogItems(of vectors: EmbeddingSet) throws -> [Item] {
        let itemsByID = Dictionary(uniqueKeysWithValues: try store.items().map { ($0.id, $0) })
        return vectors.itemIDs.map { itemsByID[$0] ?? Item(id: $0, title: $0) }
    }

    private func fitTopics(items: [Item], vectors: EmbeddingSet, histories: @escaping UserHistories) throws
        -> TopicModel
    {
        try topicModeler.fit(
            items: items, vectors: vectors.vectors, modelID: modelID,
            embedTerms: { [unowned self] in try embedder().embed($0) }, histories: histories)
    }

    /// Calls `visit` with every user's interacted item ids in time order, one user at a time.
    private func interactionHistories(_ visit: ([String]) throws -> Void) throws {
        var current: String?
        var items = [String]()
        try store.forEachEvent { event in
            if event.userID != current {
                if current != nil { try visit(items) }
                current = event.userID
                items.removeAll(keepingCapacity: true)
            }
            if event.type.isInteraction { items.append(event.itemID) }
        }
        if current != nil { try visit(items) }
    }

    private func saveTopics(_ model: TopicModel) throws {
        try store.saveTopicModel(model)
        try store.save(TopicsRecord(model: model, fittedAt: Self.now))
    }

    // MARK: Profiles

    /// A profile builder over `catalog` with the pipeline's `profileConfiguration` (a server's builder and
    /// recommender share the one copy of the catalog's vectors).
    public func profileBuilder(_ catalog: CatalogStages) -> ProfileBuilder {
        ProfileBuilder(
            topics: catalog.topics, itemIDs: catalog.vectors.itemIDs, vectors: catalog.vectors.vectors,
            configuration: profileConfiguration)
    }

    /// Recomputes and stores every user's profile over `catalog`; returns how many.
    @discardableResult
    public func computeAllProfiles(_ catalog: CatalogStages) throws -> Int {
        let builder = profileBuilder(catalog)
        let users = try store.stats().users
        log("computing the interest profiles of \(users) users")
        let bar = progress("profiles", users)
        var batch = [UserProfile]()
        var done = 0
        var current: String?
        var events = [Event]()
        func flush() throws {
            if let current { batch.append(builder.profile(user: current, events: events)) }
            done += 1
            bar.update(done)
            if batch.count >= 512 {
                try store.saveProfiles(batch)
                batch.removeAll()
            }
        }
        try store.forEachEvent { event in
            if event.userID != current {
                if current != nil { try flush() }
                current = event.userID
                events.removeAll(keepingCapacity: true)
            }
            events.append(event)
        }
        if current != nil { try flush() }
        try store.saveProfiles(batch)
        bar.finish()
        try recordProfilesCurrent()
        return done
    }

    /// Makes sure every user's stored profile reflects the current events and `catalog` (the current one,
    /// from `catalog()`), recomputing them all when not.
    public func ensureProfiles(_ catalog: CatalogStages) throws {
        if try store.record(ProfilesRecord.self)?.inputs != profileInputs() { try computeAllProfiles(catalog) }
    }

    /// The profile of `user` from their stored events now, over `catalog`; `nil` when the user has no events.
    /// Nothing is stored.
    public func profile(user: String, catalog: CatalogStages) throws -> UserProfile? {
        let events = try store.events(ofUser: user)
        guard !events.isEmpty else { return nil }
        return profileBuilder(catalog).profile(user: user, events: events)
    }

    /// Stores `events` (one transaction; known duplicates are skipped) and brings the profiles of the
    /// users they touch up to date, and their places in every stored segment model (see
    /// `updateSegments`), through the write path the server takes (`ingest`). Returns what changed.
    @discardableResult
    public func applyEvents(_ events: [Event]) throws -> AppliedEvents {
        let stale = try store.record(ProfilesRecord.self)?.inputs != profileInputs()
        let currentSegments = try LayerKind.allCases.filter { try segmentsAreCurrent($0) }
        let catalog = try catalog()
        var histories = KeptHistories()
        let ingested = try ingest(events, builder: profileBuilder(catalog), histories: &histories)
        if !stale { try recordProfilesCurrent() }
        return AppliedEvents(
            profiles: ingested.profiles,
            segments: try updateSegments(ingested.profiles, current: currentSegments, catalog: catalog))
    }

    /// Stores `events` in one transaction, skipping known duplicates; returns the ones that were new, in
    /// the order given. Every event's item must have a vector in `builder` (after `embedItems`, every
    /// catalog item has); otherwise nothing is stored.
    func storeEvents(_ events: [Event], builder: ProfileBuilder) throws -> [Event] {
        try checkItems(of: events, builder: builder)
        return try store.write { writer in try events.filter { try writer.insert($0) } }
    }

    /// Throws `PipelineError.unknownItem` for the first event whose item has no vector in `builder`.
    public func checkItems(of events: [Event], builder: ProfileBuilder) throws {
        if let unknown = events.first(where: { builder.itemRows[$0.itemID] == nil }) {
            throw PipelineError.unknownItem(unknown.itemID)
        }
    }

    /// Records that every stored profile reflects the current events and topics (after the caller
    /// brought each touched user's profile up to date).
    public func recordProfilesCurrent() throws {
        try store.save(ProfilesRecord(inputs: try profileInputs(), computedAt: Self.now))
    }

    /// What every profile depends on: the events (count and last time), the topics' fit and the configuration.
    func profileInputs() throws -> ProfileInputs {
        let stats = try store.stats()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let configuration = TextHash.of(String(decoding: try encoder.encode(profileConfiguration), as: UTF8.self))
        return ProfileInputs(
            events: stats.events, lastEvent: stats.lastEvent ?? 0,
            topicsFittedAt: try store.record(TopicsRecord.self)?.fittedAt ?? 0, configuration: configuration)
    }
}

/// What `Pipeline.applyEvents` changed.
public struct AppliedEvents: Sendable {
    /// The fresh profiles of the users the events touched, in user id order.
    public var profiles: [UserProfile]
    /// What the events did to each layer's stored segments (layers without current segments are absent).
    public var segments: [LayerKind: SegmentUpdate]

    /// The users the events touched, in id order.
    public var users: [String] { profiles.map(\.user) }
}

/// Why a pipeline stage could not run.
public enum PipelineError: Error, CustomStringConvertible, Equatable {
    case unknownItem(String)

    public var description: String {
        switch self {
        case .unknownItem(let id): "event for item '\(id)', which is not in the catalog; add the item first"
        }
    }
}

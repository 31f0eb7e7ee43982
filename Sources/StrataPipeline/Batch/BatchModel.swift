import Foundation
import StrataCore
import StrataMath
import StrataRecommend
import StrataStore

/// An exported model loaded for `strata batch`: turns users' event histories into their layers, segment and
/// recommendations, the same ones `strata profile --all-users --format jsonl` and `strata recommend
/// --all-users` give for a user of the store it came from with the same events.
///
/// The recommender is fitted with the exported parameters (never searched again) on the exported
/// interactions, its collaborative fits read from the folder; each batch user is ranked from a context made
/// from their own events, so memory holds the model and one block of users, however many lines come.
public final class BatchModel {
    public let manifest: ModelManifest
    let recommender: Recommender
    let builder: ProfileBuilder
    let categories: [String: [String]]
    let segmentModel: SegmentModel?
    /// Each exported user's segment and events hash.
    let fitted: [String: (segment: Int?, events: String)]

    /// Loads the model in `folder`; `log` receives one line per fit read (or refitted when missing).
    public init(folder url: URL, log: @escaping (String) -> Void = { _ in }) throws {
        let folder = ModelFolder(url: url)
        manifest = try folder.readManifest()
        var items = [Item]()
        try folder.forEachLine(of: folder.items, as: Item.self) { items.append($0) }
        let matrix = try NumpyFile.readMatrix(atPath: folder.vectors.path)
        guard matrix.rows == items.count else {
            throw ModelFolderError("\(url.path): \(items.count) items but \(matrix.rows) vectors")
        }
        let vectors = EmbeddingSet(itemIDs: items.map(\.id), vectors: matrix)
        let topics = try JSONDecoder().decode(TopicModel.self, from: Data(contentsOf: folder.topics))
        segmentModel =
            FileManager.default.fileExists(atPath: folder.segments.path)
            ? try JSONDecoder().decode(SegmentModel.self, from: Data(contentsOf: folder.segments)) : nil
        var histories = [(user: String, items: [String])]()
        var times = [[Int64]]()
        var segments = [String: Int]()
        var fitted = [String: (segment: Int?, events: String)]()
        try folder.forEachLine(of: folder.users, as: FittedUser.self) { user in
            guard user.items.allSatisfy({ $0 >= 0 && $0 < items.count }), user.items.count == user.times.count else {
                throw ModelFolderError("\(folder.users.path): user \(user.user)'s items do not fit the catalog")
            }
            if !user.items.isEmpty {
                histories.append((user.user, user.items.map { items[$0].id }))
                times.append(user.times)
            }
            if let segment = user.segment { segments[user.user] = segment }
            fitted[user.user] = (user.segment, user.events)
        }
        self.fitted = fitted
        categories = Dictionary(items.map { ($0.id, $0.categories) }, uniquingKeysWith: { a, _ in a })
        var inputs = RecommenderInputs(
            vectors: vectors, topics: topics, histories: histories, profiles: [], segments: segments,
            titles: items.titlesByID(), categories: categories)
        inputs.times = times
        let cache = FitCache(keeper: ReadOnlyFitKeeper(folder: FolderFitKeeper(folder: folder.fits)), log: log)
        recommender = try Recommender(fitting: inputs, parameters: manifest.parameters, cache: cache)
        builder = ProfileBuilder(
            topics: topics, itemIDs: vectors.itemIDs, vectors: vectors.vectors,
            configuration: manifest.profileConfiguration)
    }

    /// Whether `item` is in the exported catalog.
    public func knows(item: String) -> Bool { builder.itemRows[item] != nil }

    /// The catalog's size: the largest `k`.
    public var itemCount: Int { recommender.matrix.itemIDs.count }

    /// The output lines of `users` (each with at least one event): their layers, segment and top `k`.
    ///
    /// A user exported with exactly these events keeps the segment of the fit; anyone else gets the deep
    /// segment nearest their fresh profile, as a server reassigns a user after new events.
    public func lines(for users: [BatchInput], k: Int) throws -> [BatchLine] {
        let prepared = users.map { input -> (UserProfile, UserContext) in
            let events = BatchEvents.ordered(input.events)
            let profile = builder.profile(user: input.user, events: events)
            let segment: Int? =
                if let known = fitted[input.user], known.events == BatchEvents.hash(events) {
                    known.segment
                } else {
                    segmentModel?.membership(user: input.user, vector: profile.deep.vector)?.segment
                }
            let interactions = events.filter(\.type.isInteraction)
            let context = recommender.matrix.context(
                user: input.user, items: interactions.map(\.itemID), times: interactions.map(\.timestamp),
                profile: profile, segment: segment)
            return (profile, context)
        }
        let lists = try recommender.recommend(contexts: prepared.map(\.1), k: k)
        return zip(prepared, lists).map { user, list in
            BatchLine(
                profile: ProfileLine(user.0, categories: categories), segment: user.1.segment, recommendations: list)
        }
    }
}

/// One line of `strata batch`'s output: `{"user_id", "layers": {…as `strata profile --all-users --format
/// jsonl`…}, "segment": 3 or null, "recommendations": [{"item_id", "score"}, …]}`.
public struct BatchLine: Encodable, Sendable {
    public var userID: String
    public var layers: [String: ProfileLine.Layer]
    public var segment: Int?
    public var recommendations: [Scored]

    /// One recommended item and its blended score.
    public struct Scored: Encodable, Sendable, Equatable {
        public var itemID: String
        public var score: Float

        enum CodingKeys: String, CodingKey {
            case itemID = "item_id"
            case score
        }
    }

    init(profile: ProfileLine, segment: Int?, recommendations: [Recommendation]) {
        userID = profile.userID
        layers = profile.layers
        self.segment = segment
        self.recommendations = recommendations.map { Scored(itemID: $0.item, score: $0.score) }
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case layers, segment, recommendations
    }

    /// Writes `segment` as `null` when the user has none, so every line has the same fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(userID, forKey: .userID)
        try container.encode(layers, forKey: .layers)
        try container.encode(segment, forKey: .segment)
        try container.encode(recommendations, forKey: .recommendations)
    }
}

import StrataPipeline
import StrataPrivacy
import StrataRecommend

/// How a Strata server listens and whom it lets in.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// `0` picks a free port (see `StrataServer.run(onListening:)`).
    public var port: Int
    public var apiKeys: APIKeys
    /// Whether reads need a key too, of the `read` scope (writes and deletes always need one).
    public var readsNeedKey: Bool
    /// Requests a second each API key may make (token bucket; `nil`: no limit).
    public var rateLimit: Double?
    /// The one origin browsers may call the API from (`*` for any); `nil` sends no CORS headers.
    public var corsOrigin: String?
    /// The largest request body accepted, in bytes.
    public var maxBodyBytes: Int
    /// The largest batch of events or items one request may carry.
    public var maxBatch: Int
    /// How often the background tasks check whether the segments or the recommender need a refit.
    public var refitCheckInterval: Duration
    /// The recommender is refitted once the interactions ingested since its fit reach this share of
    /// those it was fitted on (and whenever the catalog has items it was not fitted on).
    public var recommenderRefitShare: Double
    /// The least time between two fits of the recommender (start-up counts as one): a fit of EASE over
    /// ten thousand items takes a core for about half a minute.
    public var recommenderRefitInterval: Duration
    /// How many recommendation answers are kept for repeated requests (0 computes every answer).
    public var answerCacheSize: Int
    /// How many users' profiles (and histories for their next events) the server keeps, the least
    /// recently used leaving first and read again from the store when asked for; `nil` keeps every
    /// user's, loaded at start-up. Bounds a server's memory whatever the number of users.
    public var userCacheSize: Int?
    /// How the raw user ids of requests are stored (as given, or as pseudonyms); answers name users as stored.
    public var userIDs: UserIDs
    /// How segment sizes are published by the API and the dashboard (k-anonymity, optional Laplace noise).
    public var disclosure: Disclosure
    /// Which of a user's items are never recommended back to them (as `strata recommend --exclude-seen`).
    public var excludeSeen: SeenExclusion

    public init(
        host: String = "127.0.0.1", port: Int = 8080, apiKeys: APIKeys = APIKeys([]),
        readsNeedKey: Bool = false, rateLimit: Double? = nil, corsOrigin: String? = nil, maxBodyBytes: Int = 4 << 20,
        maxBatch: Int = 10_000,
        refitCheckInterval: Duration = .seconds(30), recommenderRefitShare: Double = 0.2,
        recommenderRefitInterval: Duration = .seconds(300), answerCacheSize: Int = 100_000,
        userCacheSize: Int? = nil, userIDs: UserIDs = .raw,
        disclosure: Disclosure = Disclosure(minimumGroupSize: 10, seed: .random(in: 0 ... .max)),
        excludeSeen: SeenExclusion = .interacted
    ) {
        self.host = host
        self.port = port
        self.apiKeys = apiKeys
        self.readsNeedKey = readsNeedKey
        self.rateLimit = rateLimit
        self.corsOrigin = corsOrigin
        self.maxBodyBytes = maxBodyBytes
        self.maxBatch = maxBatch
        self.refitCheckInterval = refitCheckInterval
        self.recommenderRefitShare = recommenderRefitShare
        self.recommenderRefitInterval = recommenderRefitInterval
        self.answerCacheSize = answerCacheSize
        self.userCacheSize = userCacheSize
        self.userIDs = userIDs
        self.disclosure = disclosure
        self.excludeSeen = excludeSeen
    }
}

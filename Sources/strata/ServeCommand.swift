import ArgumentParser
import Foundation
import StrataPipeline
import StrataRecommend
import StrataServer

/// `strata serve`: the HTTP API and dashboard over a store.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the JSON API (/v1), the dashboard (/), /healthz, /metrics and /openapi.json.",
        discussion: """
            Computes the stages the store lacks first (/healthz answers 503 until then). Writes need an API key: \
            set \(APIKeys.environmentVariable)=key1,key2:read or pass --api-keys FILE (one 'KEY [read|write|admin]' a line, \
            keys of 16+ characters; admin when no scope is given). With --llm-url, topics and segments get the LLM's \
            names (asked in the background once, keyword labels meanwhile) and /metrics counts its requests. \
            Stops gracefully on SIGTERM or SIGINT.
            """)

    @OptionGroup var options: PipelineOptions
    @OptionGroup var llm: LLMOptions
    @OptionGroup var tuning: TuningOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0 picks a free one; the log says which).") var port = 8080
    @Option(
        name: .customLong("api-keys"), help: "A file of API keys, one 'KEY [read|write|admin]' a line (# comments).")
    var apiKeys: String?
    @Flag(help: "Require an API key of the read scope (or wider) for reads of /v1 too.") var readsNeedKey = false
    @Option(help: "Requests a second each API key may make (token bucket); past it, 429 with Retry-After.")
    var rateLimit: Double?
    @Option(
        help:
            "The origin browsers may call the API from, e.g. https://shop.example (* for any); no CORS headers without it."
    )
    var corsOrigin: String?
    @Option(help: "Segment sizes under this many users are not published by the API and the dashboard (k-anonymity).")
    var minGroupSize = 10
    @Option(
        help:
            "Add Laplace noise of scale 1/E to the published segment sizes (differential privacy, budget E per release)."
    )
    var dpEpsilon: Double?
    @Option(help: "The largest request body, in bytes.") var maxBodyBytes = 4 << 20
    @Option(help: "The largest batch of events or items in one request.") var maxBatch = 10_000
    @Option(help: "How many recommendation answers to keep for repeated requests (0: compute every answer).")
    var answerCacheSize = 100_000
    @Option(
        help:
            "Keep the profiles of this many users in memory, the least recently used read again from the store when asked for (default: every user's, loaded at start-up)."
    )
    var userCache: Int?
    @Option(
        help:
            "Refit the recommender in the background once the interactions ingested since its fit reach this share of those it was fitted on (it also refits for new items)."
    )
    var recommenderRefitShare = 0.2
    @Option(help: "The least seconds between two fits of the recommender (start-up counts as one).")
    var recommenderRefitInterval = 300
    @Option(
        help:
            "Which of a user's items never come back: interacted (everything they did), purchased, or none (repeat-purchase catalogs)."
    )
    var excludeSeen = SeenExclusion.interacted

    func validate() throws {
        guard (0 ... 65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
        guard maxBodyBytes > 0, maxBatch > 0 else {
            throw ValidationError("--max-body-bytes and --max-batch must be positive")
        }
        guard minGroupSize >= 1 else { throw ValidationError("--min-group-size must be 1 or more") }
        if let dpEpsilon, !(dpEpsilon > 0 && dpEpsilon.isFinite) {
            throw ValidationError("--dp-epsilon must be a positive number")
        }
        if let rateLimit, !(rateLimit > 0 && rateLimit.isFinite) {
            throw ValidationError("--rate-limit must be a positive number")
        }
        guard answerCacheSize >= 0 else { throw ValidationError("--answer-cache-size must be 0 or more") }
        if let userCache, userCache < 1 { throw ValidationError("--user-cache must be 1 or more") }
        guard recommenderRefitShare > 0 else { throw ValidationError("--recommender-refit-share must be positive") }
        guard recommenderRefitInterval >= 0 else {
            throw ValidationError("--recommender-refit-interval must be 0 or more")
        }
    }

    func run() async throws {
        let keys: APIKeys
        do {
            keys = try APIKeys.load(file: apiKeys)
        } catch let error as ServerConfigurationError {
            throw CommandError(error.description)
        }
        let configuration = ServerConfiguration(
            host: host, port: port, apiKeys: keys, readsNeedKey: readsNeedKey,
            rateLimit: rateLimit, corsOrigin: corsOrigin, maxBodyBytes: maxBodyBytes, maxBatch: maxBatch,
            recommenderRefitShare: recommenderRefitShare,
            recommenderRefitInterval: .seconds(recommenderRefitInterval), answerCacheSize: answerCacheSize,
            userCacheSize: userCache, userIDs: try options.store.userIDs(),
            disclosure: Disclosure(
                minimumGroupSize: minGroupSize, epsilon: dpEpsilon,
                seed: .random(in: 0 ... .max)),
            excludeSeen: excludeSeen)
        let pipeline = try options.open()
        tuning.apply(to: pipeline)
        llm.apply(to: pipeline)
        try await StrataServer(pipeline: pipeline, configuration: configuration).run()
    }
}

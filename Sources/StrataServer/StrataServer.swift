import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle
import StrataMath
import StrataPipeline
import StrataStore

/// `strata serve`: the HTTP API, dashboard and metrics over one store, following the events it receives.
///
/// It listens at once and answers `/healthz` with 503 and the stage it is at (with `done` of `total`
/// where the stage counts) while it computes the stages the store lacks, then 200. On SIGTERM or SIGINT it stops accepting connections, finishes the requests in flight (an
/// acknowledged batch is already committed) and records that the stored profiles are current.
public final class StrataServer: Sendable {
    public let configuration: ServerConfiguration
    public let metrics: ServerMetrics
    let state: ServingState
    let logger: Logger
    /// The database, when other servers share it: their changes are followed (`FollowService`).
    let shared: (any SharedStore)?
    /// The stage start-up is at, which `/healthz` reports until the server is ready.
    let startup = StartupProgress()
    /// The generative model's names of topics and segments, when the pipeline has an endpoint.
    let names: ServedNames
    /// The generative model's counters in `/metrics`, when the pipeline has an endpoint.
    let llmMetrics: LLMMetrics?

    /// A server over `pipeline`'s store, with `pipeline`'s settings for topics, profiles and segments.
    public init(
        pipeline: sending Pipeline, configuration: ServerConfiguration, logger: Logger = Logger(label: "strata.serve")
    ) {
        self.configuration = configuration
        startup.follow(pipeline)
        let metrics = ServerMetrics()
        self.metrics = metrics
        names = ServedNames(namer: pipeline.namer, logger: logger)
        llmMetrics = pipeline.namer.map { LLMMetrics(usage: $0.client.usage, registry: metrics.registry) }
        shared = pipeline.sharedStore
        self.state = ServingState(
            pipeline: pipeline, answerCacheSize: configuration.answerCacheSize,
            userCacheSize: configuration.userCacheSize, excludeSeen: configuration.excludeSeen)
        self.logger = logger
    }

    /// Runs until SIGTERM/SIGINT (or until the task is cancelled); `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        if configuration.apiKeys.isEmpty {
            logger.warning(
                """
                no API key configured: writes (POST /v1/events, PUT /v1/items, DELETE /v1/users/…) are refused. \
                Set \(APIKeys.environmentVariable)=key1,key2 or pass --api-keys FILE (one key of 16+ characters a line).
                """)
        }
        try await makeApplication(onListening: onListening).runService()
        try state.finish()
        logger.info("stopped; every acknowledged event is stored")
    }

    /// The application `run` serves: the routes and the services that prepare the stages, refit them and
    /// follow the changes of other servers sharing the database.
    /// Tests hand it to HummingbirdTesting to send requests without a socket.
    func makeApplication(
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let logger = self.logger
        return Application(
            router: makeRouter(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "strata"),
            services: [
                StartupService(state: state, logger: logger),
                RefitService(
                    name: "segments (drift passed its threshold, or enough users for a first fit)",
                    interval: configuration.refitCheckInterval, refits: metrics.segmentRefits, logger: logger,
                    state: state, refit: { [state] in try state.refitSegmentsIfDrifted() }),
                RefitService(
                    name: "recommender (new items or enough new interactions)",
                    interval: configuration.refitCheckInterval, refits: metrics.recommenderRefits, logger: logger,
                    state: state,
                    refit: { [state, configuration] in
                        try state.refitRecommenderIfStale(
                            share: configuration.recommenderRefitShare,
                            interval: configuration.recommenderRefitInterval)
                    })
            ] + (shared.map { [FollowService(store: $0, state: state, logger: logger)] } ?? []),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("listening on http://\(channel.localAddress?.ipAddress ?? "?"):\(port)")
                await onListening(port)
            },
            logger: logger)
    }

    /// The routes, behind metrics (outermost), JSON errors and CORS (when configured), in groups of one
    /// access level each: the open system routes (the dashboard with security headers), the `/v1` reads
    /// (`read` scope when `readsNeedKey`), the writes (`write`) and the deletions (`admin`). A known path
    /// asked with a method it does not take gets 405 with `Allow`, an unknown path 404.
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: ErrorMiddleware())
        if let origin = configuration.corsOrigin {
            router.add(
                middleware: CORSMiddleware(
                    allowOrigin: origin == "*" ? .all : .custom(origin),
                    allowHeaders: [.accept, .authorization, .contentType, .origin, .apiKey],
                    allowMethods: [.get, .post, .put, .delete, .head, .options]))
        }
        let limiter = configuration.rateLimit.map(RateLimiter.init(rate:))
        func access(_ scope: APIScope, keyOptional: Bool = false) -> RouterGroup<BasicRequestContext> {
            router.group().add(
                middleware: AccessMiddleware(
                    keys: configuration.apiKeys, scope: scope,
                    keyOptional: keyOptional, limiter: limiter))
        }
        addSystemRoutes(
            to: router.group(),
            dashboard: router.group().add(
                middleware: ContentSecurityMiddleware(contentSecurityPolicy: [
                    .defaultSrc(.self), .scriptSrc(.self, .unsafeInline), .styleSrc(.self, .unsafeInline),
                    .baseURI(.none), .formAction(.self), .frameAncestors(.none)
                ])))
        let reads = access(.read, keyOptional: !configuration.readsNeedKey)
        addUserRoutes(reads: reads, admin: access(.admin))
        addLayerRoutes(to: reads)
        addCatalogRoutes(to: reads)
        addIngestRoutes(to: access(.write))
        // After every route, so that it sees them all and wraps only the not-found responder.
        router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
        return router
    }
}

/// Computes the missing stages after the server started listening, so `/healthz` can say it is not
/// ready yet instead of the port staying closed.
struct StartupService: Service {
    let state: ServingState
    let logger: Logger

    func run() async throws {
        logger.info("computing the stages the store lacks")
        let state = self.state
        // On a thread of its own: minutes of blocking work on the cooperative pool (two threads on two cores)
        // would stall every other task of the process meanwhile, such as other servers' requests.
        try await StrataServer.blocking { try state.prepare() }
        // Requests run side by side on their own threads; OpenBLAS threads would only spin against them.
        BLAS.setThreadCount(1)
        logger.info("ready")
        try? await gracefulShutdown()
    }
}

/// Follows the changes other servers sharing the database make: their users' events reach this server's
/// profiles, their segment fits its segments; each change is applied in the order heard, off the
/// cooperative pool (`SerialBlockingQueue`).
struct FollowService: Service {
    let store: any SharedStore
    let state: ServingState
    let logger: Logger

    func run() async throws {
        let (state, logger, queue) = (state, logger, SerialBlockingQueue())
        await cancelWhenGracefulShutdown {
            await store.follow { change in
                queue.async {
                    do {
                        switch change {
                        case .events(let users): try state.refresh(users: users)
                        case .segmentsFitted: try state.adoptFittedSegments()
                        }
                    } catch {
                        logger.error("following another server's change (\(change)): \(error)")
                    }
                }
            }
        }
    }
}

/// Asks every `interval` whether a model went stale enough to refit (`refit` decides and refits, off
/// the request path), and counts the refits.
struct RefitService: Service {
    /// What is refitted, for the log.
    let name: String
    let interval: Duration
    let refits: Counter
    let logger: Logger
    let state: ServingState
    /// Refits when stale; `true` when it did.
    let refit: @Sendable () throws -> Bool

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
                guard state.isReady else { continue }
                do {
                    if try await StrataServer.blocking(refit) {
                        refits.increment()
                        logger.info("\(name) refitted")
                    }
                } catch is CancellationError {
                    return  // the server is stopping
                } catch {
                    logger.error("\(name) refit failed: \(error)")
                }
            }
        }
    }
}

import Hummingbird
import Prometheus
import StrataStore

/// The server's Prometheus metrics, in its own registry (no process-wide bootstrap, so several servers
/// can run in one process).
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let eventsIngested: Counter
    let itemsUpserted: Counter
    let segmentRefits: Counter
    let recommenderRefits: Counter
    /// Profiles a request found kept, and those read from the store (`strata serve --user-cache`).
    let profileCacheHits: Counter
    let profileCacheMisses: Counter

    init() {
        eventsIngested = registry.makeCounter(
            descriptor: .init(
                namespace: "strata", metricName: "events_ingested", unitName: "total",
                helpText: "Events stored through POST /v1/events."))
        itemsUpserted = registry.makeCounter(
            descriptor: .init(
                namespace: "strata", metricName: "items_upserted", unitName: "total",
                helpText: "Items stored or updated through PUT /v1/items."))
        segmentRefits = registry.makeCounter(
            descriptor: .init(
                namespace: "strata", metricName: "segment_refits", unitName: "total",
                helpText: "Segment refits the background task ran because drift passed its threshold."))
        recommenderRefits = registry.makeCounter(
            descriptor: .init(
                namespace: "strata", metricName: "recommender_refits", unitName: "total",
                helpText: "Recommender refits the background task ran for new items or new interactions."))
        profileCacheHits = registry.makeCounter(
            descriptor: .init(
                namespace: "strata", metricName: "profile_cache_hits", unitName: "total",
                helpText: "User profiles a request found in the server's memory."))
        profileCacheMisses = registry.makeCounter(
            descriptor: .init(
                namespace: "strata", metricName: "profile_cache_misses", unitName: "total",
                helpText: "User profiles a request read from the store (servers keeping only some, --user-cache)."))
    }

    /// Counts a finished request and records its latency, by route (not raw path) and status.
    func record(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "strata", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered."
            ),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "strata", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time to answer HTTP requests."),
            labels: [("method", method), ("route", route)],
            buckets: Self.latencyBuckets
        ).record(duration)
    }

    static let latencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(5)
    ]
}

/// Measures every request (outermost middleware, so it sees the status errors turn into).
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        var status = 500
        defer {
            metrics.record(
                method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
                status: status, duration: ContinuousClock.now - start)
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as HTTPResponseError {
            status = error.status.code
            throw error
        }
    }
}

/// Turns every error into a JSON error body: the server answers bad input with a 4xx and never lets an
/// error escape as an empty 500.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(error.status, error.body ?? error.status.reasonPhrase)
        } catch let error as HTTPResponseError {
            throw APIError(error.status, error.status.reasonPhrase)
        } catch let error as any StoreFailure where error.kind == .unavailable {
            // Nothing was acknowledged: the client may send the same request again once the database is back.
            // The log names the route, not the path: a path may carry a user's raw id (`/v1/users/{id}/…`).
            context.logger.error("\(request.method) \(context.endpointPath ?? "unmatched"): \(error)")
            throw APIError(.serviceUnavailable, "the database is unreachable; retry later", headers: [.retryAfter: "2"])
        } catch {
            // The details stay in the log: a client gets the id to quote, not the server's internals.
            let id = String(UInt64.random(in: 0 ... .max), radix: 16)
            context.logger.error(
                "\(request.method) \(context.endpointPath ?? "unmatched") failed (request \(id)): \(error)")
            throw APIError(
                .internalServerError, "internal error; the server log has the details under request id \(id)")
        }
    }
}

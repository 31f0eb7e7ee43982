import Foundation
import HTTPTypes
import Hummingbird

/// Lets a request of a route group through only with an API key of the group's scope (or wider), within
/// the key's rate limit. Runs before the handler, so a refused request's body is never read.
///
/// The key comes in `Authorization: Bearer KEY` or `X-API-Key: KEY`. No key → 401 (unless the group
/// takes requests without one: open reads); a wrong key, a key of a narrower scope, or no keys
/// configured at all → 403; a key past its rate → 429 with `Retry-After`.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let keys: APIKeys
    /// The scope the group's routes need.
    let scope: APIScope
    /// Whether requests without a key pass (with a key, it must still be valid).
    let keyOptional: Bool
    /// Per-key rate limits, if any.
    let limiter: RateLimiter?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let key = Self.key(in: request) else {
            if keyOptional { return try await next(request, context) }
            throw APIError(
                .unauthorized, "this request needs an API key in 'Authorization: Bearer KEY' or 'X-API-Key: KEY'")
        }
        guard !keys.isEmpty else {
            throw APIError(.forbidden, "API keys are disabled: the server has no API keys configured")
        }
        guard let granted = keys.scope(of: key) else { throw APIError(.forbidden, "the API key is not valid") }
        guard granted >= scope else {
            throw APIError(.forbidden, "the API key has the '\(granted)' scope; this request needs '\(scope)'")
        }
        if let limiter, let wait = limiter.take(APIKeys.digest(key)) {
            let seconds = Int(wait.components.seconds) + 1
            throw APIError(
                .tooManyRequests,
                "rate limit of \(limiter.rate.formatted()) requests per second for this key exceeded; retry in \(seconds) s",
                headers: [.retryAfter: String(seconds)])
        }
        return try await next(request, context)
    }

    static func key(in request: Request) -> String? {
        if let value = request.headers[.authorization] {
            let parts = value.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
        }
        if let name = HTTPField.Name("X-API-Key"), let value = request.headers[name], !value.isEmpty { return value }
        return nil
    }
}

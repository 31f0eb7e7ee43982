import Foundation
import HTTPTypes
import Hummingbird

/// Lets a request of a route group through only with an API key of the group's scope (or wider), within
/// the key's rate limit. Runs before the handler, so a refused request's body is never read.
///
/// The key comes in `Authorization: Bearer KEY` or `X-API-Key: KEY` (both at once only with the same
/// key). No key → 401 (unless the group takes requests without one: open reads); a credential that is
/// present but not a valid key — a wrong key, an `Authorization` that is not `Bearer KEY`, an empty
/// `X-API-Key`, two different keys — → 401 too, never passed over for the other header; a valid key of a
/// narrower scope, or a key when none is configured at all → 403; a key past its rate → 429 with
/// `Retry-After`. Every 401 carries `WWW-Authenticate: Bearer`.
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
        guard let key = try Self.key(in: request) else {
            if keyOptional { return try await next(request, context) }
            throw Self.unauthorized("this request needs an API key in 'Authorization: Bearer KEY' or 'X-API-Key: KEY'")
        }
        guard !keys.isEmpty else {
            throw APIError(.forbidden, "API keys are disabled: the server has no API keys configured")
        }
        guard let granted = keys.scope(of: key) else { throw Self.unauthorized("the API key is not valid") }
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

    /// The key the request carries, `nil` when it carries none; a credential header that holds no usable
    /// key, or two headers with different keys, is an error rather than passed over.
    static func key(in request: Request) throws -> String? {
        var bearer: String?
        if let value = request.headers[.authorization] {
            let parts = value.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
                throw unauthorized("the Authorization header must be 'Bearer KEY'")
            }
            bearer = String(parts[1])
        }
        var header: String?
        if let value = request.headers[.apiKey] {
            guard !value.isEmpty else { throw unauthorized("the X-API-Key header is empty") }
            header = value
        }
        if let bearer, let header, bearer != header {
            throw unauthorized("the Authorization and X-API-Key headers carry different keys; send one key")
        }
        return bearer ?? header
    }

    /// A 401 answer with `message`, telling the client how to authenticate.
    static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, message, headers: [.wwwAuthenticate: "Bearer realm=\"strata\""])
    }
}

extension HTTPField.Name {
    /// The header an API key may come in besides `Authorization`.
    static let apiKey = Self("X-API-Key")!
}

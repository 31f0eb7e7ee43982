import HTTPTypes
import Hummingbird

/// Checks the API key before any handler runs, so a refused request's body is never read.
///
/// Writes and deletes always need a key; reads need one when `readsNeedKey`. The key comes in
/// `Authorization: Bearer KEY` or `X-API-Key: KEY`. No key → 401; a wrong key, or no keys configured
/// at all (writes are then disabled) → 403.
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let keys: APIKeys
    let readsNeedKey: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.isWrite(request) || (readsNeedKey && Self.isProtectedRead(request)) {
            guard let key = Self.key(in: request) else {
                throw APIError(.unauthorized, "this request needs an API key in 'Authorization: Bearer KEY' or 'X-API-Key: KEY'")
            }
            guard !keys.keys.isEmpty else {
                throw APIError(.forbidden, "writes are disabled: the server has no API keys configured")
            }
            guard keys.accepts(key) else { throw APIError(.forbidden, "the API key is not valid") }
        }
        return try await next(request, context)
    }

    /// Requests that change data. Cold start is a POST only because it carries a body: it reads.
    static func isWrite(_ request: Request) -> Bool {
        switch request.method {
        case .get, .head, .options: false
        case .post: request.uri.path != "/v1/recommendations/cold-start"
        default: true
        }
    }

    /// Reads of the API; health, metrics, the OpenAPI document and the dashboard page stay open.
    static func isProtectedRead(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/v1/")
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

import HTTPTypes
import Hummingbird

/// Answers a request for a known path with a method the path does not take with 405 and an `Allow`
/// header naming the methods it does take (RFC 9110 §15.5.6), as a JSON error; unknown paths stay 404.
///
/// Added to the router after every route, so it wraps only the router's not-found responder (Hummingbird
/// applies a middleware to the routes added after it, and to the not-found responder): a request reaches
/// it only when no route matched both its path and its method.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Each route path with the methods it takes, in the order the routes were added.
    let paths: [(path: RouterPath, methods: [HTTPRequest.Method])]

    /// The methods of `routes` (`Router.routes`), by path. Paths are literal and captured segments
    /// (`/v1/users/:id`), matched segment for segment.
    init(routes: [Router<Context>.RouteDescription]) {
        var paths: [(path: RouterPath, methods: [HTTPRequest.Method])] = []
        for route in routes {
            if let index = paths.firstIndex(where: { $0.path == route.path }) {
                paths[index].methods.append(route.method)
            } else {
                paths.append((route.path, [route.method]))
            }
        }
        self.paths = paths
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let allowed = allowedMethods(path: request.uri.path)
        // No route has the path (404), or one has the method and another, more specific route took the path.
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return try await next(request, context) }
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        throw APIError(
            .methodNotAllowed, "\(request.method.rawValue) is not supported on \(request.uri.path); allowed: \(allow)",
            headers: [.allow: allow])
    }

    /// The methods of every route whose path matches `path`, each once, in route order.
    func allowedMethods(path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        var allowed: [HTTPRequest.Method] = []
        for route in paths
        where route.path.components.count == segments.count
            && zip(route.path.components, segments).allSatisfy({ $0 ~= $1 })
        {
            allowed += route.methods.filter { !allowed.contains($0) }
        }
        return allowed
    }
}

import Hummingbird
import StrataCore

extension StrataServer {
    /// A user's profile and recommendations, and deleting a user.
    func addUserRoutes(to router: Router<BasicRequestContext>) {
        router.get("/v1/users/:id/profile") { _, context -> Response in
            try JSONResponse.make(ProfileView(try self.knownProfile(context)))
        }
        router.get("/v1/users/:id/recommendations") { request, context -> Response in
            let query = request.uri.queryParameters
            let k = try Self.intParameter(query.get("k"), name: "k", default: 10, range: 1 ... 1000)
            var layer: LayerKind?
            if let name = query.get("layer"), name != "all" {
                guard let kind = LayerKind(rawValue: name) else {
                    throw APIError.badRequest("layer: '\(name)' is not a layer; expected surface, middle, deep or all")
                }
                layer = kind
            }
            let explain = try Self.boolParameter(query.get("explain"), name: "explain", default: true)
            let profile = try self.knownProfile(context)
            guard let recommendations = self.recommendations else { throw APIError.unavailable("recommendations") }
            return try JSONResponse.make(AnyEncodable(try recommendations.recommendations(for: profile, k: k, layer: layer, explain: explain)))
        }
        router.post("/v1/recommendations/cold-start") { request, _ -> Response in
            let body = try await JSONResponse.decode(ColdStartRequest.self, from: request, limit: self.configuration.maxBodyBytes)
            let text = body.text?.trimmingCharacters(in: .whitespacesAndNewlines)
            guard text?.isEmpty == false || body.attributes?.isEmpty == false else {
                throw APIError.badRequest("give 'text' and/or 'attributes' to recommend from")
            }
            let k = try Self.intParameter(body.k.map(String.init), name: "k", default: 10, range: 1 ... 1000)
            guard let recommendations = self.recommendations else { throw APIError.unavailable("recommendations") }
            return try JSONResponse.make(AnyEncodable(try recommendations.coldStart(text: text, attributes: body.attributes ?? [:], k: k)))
        }
        router.delete("/v1/users/:id") { _, context -> Response in
            let user = try context.parameters.require("id")
            let state = self.state
            guard try await Self.blocking({ try state.deleteUser(user) }) else {
                throw APIError.notFound("user '\(user)' is not known")
            }
            return try JSONResponse.make(["deleted": user])
        }
    }

    /// The profile of the `:id` user, or a 404.
    func knownProfile(_ context: BasicRequestContext) throws -> UserProfile {
        let user = try context.parameters.require("id")
        guard let profile = try state.profile(user: user) else { throw APIError.notFound("user '\(user)' is not known") }
        return profile
    }

    static func intParameter(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.badRequest("\(name): '\(text)' is not an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    static func boolParameter(_ text: String?, name: String, default value: Bool) throws -> Bool {
        switch text {
        case nil: return value
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        case let text?: throw APIError.badRequest("\(name): '\(text)' is not true or false")
        }
    }
}

/// Lets a source's answer of any `Encodable` type be encoded.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

import Hummingbird
import StrataCore
import StrataRecommend

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
            let user = try context.parameters.require("id")
            let snapshot = try self.state.snapshot()
            guard let profile = snapshot.profiles[user] else { throw APIError.notFound("user '\(user)' is not known") }
            let request = RecommendationRequest(user: user, k: k, layer: layer, explain: explain)
            if let cached = self.state.cachedRecommendations(request) { return try JSONResponse.make(cached) }
            let recommender = snapshot.recommender
            let userContext = recommender.contexts[user] ?? UserContext(user: user, items: [], profile: profile)
            let list = try Self.answering { try recommender.recommend(contexts: [userContext], k: k, explain: explain, layer: layer)[0] }
            let answer = RecommendationsView(user: user, layer: layer, segment: snapshot.segments.membership(of: user),
                                             recommendations: list, titles: recommender.explainer.titles)
            self.state.remember(answer, for: request, generation: snapshot.generation)
            return try JSONResponse.make(answer)
        }
        router.post("/v1/recommendations/cold-start") { request, _ -> Response in
            let body = try await JSONResponse.decode(ColdStartRequest.self, from: request, limit: self.configuration.maxBodyBytes)
            let text = body.text?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
            let attributes = body.attributes ?? [:]
            guard text != nil || !attributes.isEmpty else {
                throw APIError.badRequest("give 'text' and/or 'attributes' to recommend from")
            }
            let k = try Self.intParameter(body.k.map(String.init), name: "k", default: 10, range: 1 ... 1000)
            let snapshot = try self.state.snapshot()
            let vector = try await text.asyncMap { text in try await Self.blocking { snapshot.embedder.embed(text) } }
            let result = try Self.answering {
                try snapshot.recommender.coldStart(text: vector, attributes: attributes, knownAttributes: snapshot.userAttributes, k: k)
            }
            return try JSONResponse.make(ColdStartView(result, fromText: text != nil, fromAttributes: !attributes.isEmpty,
                                                       segments: snapshot.segments, titles: snapshot.recommender.explainer.titles))
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
        guard let profile = try state.snapshot().profiles[user] else { throw APIError.notFound("user '\(user)' is not known") }
        return profile
    }

    /// Runs `work`, turning a parameter the recommender refuses (such as a `k` beyond the catalog) into a 400.
    static func answering<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as RecommendError {
            throw APIError.badRequest(error.description)
        }
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

extension String {
    /// `nil` for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension Optional {
    /// `map` for asynchronous, throwing transforms.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

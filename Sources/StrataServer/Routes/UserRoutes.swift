import Hummingbird
import StrataCore
import StrataPipeline
import StrataRecommend
import StrataWire

extension StrataServer {
    /// A user's profile and recommendations (and cold start) on `reads`, deleting a user on `admin`.
    func addUserRoutes(
        reads router: some RouterMethods<BasicRequestContext>, admin: some RouterMethods<BasicRequestContext>
    ) {
        router.get("/v1/users/:id/profile") { request, context -> Response in
            let explain = try Self.boolParameter(
                request.uri.queryParameters.get("explain"), name: "explain", default: false)
            let profile = try await self.servedProfile(context).profile
            guard explain else { return try JSONResponse.make(ProfileView(profile)) }
            let titles = try self.state.snapshot().recommender.explainer.titles
            let explained = await ProfileExplanations.explain(profile, titles: titles, namer: self.names.namer)
            if let notice = explained.notice { self.logger.info("\(notice)") }
            return try JSONResponse.make(ProfileView(profile, explanations: explained.explanations))
        }
        router.get("/v1/users/:id/recommendations") { request, context -> Response in
            let query = request.uri.queryParameters
            let k = try Self.intParameter(query.get("k"), name: "k", default: 10, range: Self.kRange)
            let layer = try Self.layerParameter(query.get("layer"))
            let explain = try Self.boolParameter(query.get("explain"), name: "explain", default: true)
            let user = try self.storedUser(context)
            let request = RecommendationRequest(user: user, k: k, layer: layer, explain: explain)
            if let cached = self.state.snapshots.cached(request) { return try JSONResponse.make(cached) }
            let (snapshot, profile) = try await self.servedProfile(context)
            let recommender = snapshot.recommender
            let userContext = snapshot.context(of: user, profile: profile)
            let list = try await Self.computing {
                try recommender.recommend(contexts: [userContext], k: k, explain: explain, layer: layer)[0]
            }
            var answer = RecommendationsView(
                user: user, layer: layer, segment: snapshot.segments.membership(of: user),
                recommendations: list, titles: recommender.explainer.titles)
            answer.userIDs = self.configuration.userIDs.form
            self.state.snapshots.remember(answer, for: request, generation: snapshot.generation)
            return try JSONResponse.make(answer)
        }
        router.post("/v1/recommendations/cold-start") { request, _ -> Response in
            let body = try await JSONResponse.decode(
                ColdStartRequest.self, from: request, limit: self.configuration.maxBodyBytes)
            let text = body.text?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
            let attributes = body.attributes ?? [:]
            guard text != nil || !attributes.isEmpty else {
                throw APIError.badRequest("give 'text' and/or 'attributes' to recommend from")
            }
            let k = try Self.intParameter(body.k.map(String.init), name: "k", default: 10, range: Self.kRange)
            let snapshot = try self.state.snapshot()
            let result = try await Self.computing {
                try snapshot.recommender.coldStart(
                    text: text.map(snapshot.embedder.embedQuery), attributes: attributes,
                    knownAttributes: snapshot.userAttributes, k: k)
            }
            return try JSONResponse.make(
                ColdStartView(
                    result, fromText: text != nil, fromAttributes: !attributes.isEmpty,
                    segments: snapshot.segments, titles: snapshot.recommender.explainer.titles))
        }
        router.post("/v1/interests") { request, _ -> Response in
            let body = try await JSONResponse.decode(
                ColdStartRequest.self, from: request, limit: self.configuration.maxBodyBytes)
            guard let text = body.text?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty else {
                throw APIError.badRequest("text: expected a non-empty string to read")
            }
            let snapshot = try self.state.snapshot()
            let read = try await FreeTextInterests.read(text, topics: snapshot.topics, namer: self.names.namer) {
                $0.map(snapshot.embedder.embedQuery)
            }
            if let notice = read.notice { self.logger.info("\(notice)") }
            return try JSONResponse.make(TextInterestsView(text: text, interests: read.interests))
        }
        admin.delete("/v1/users/:id") { _, context -> Response in
            let user = try context.parameters.require("id")
            let state = self.state
            let stored = self.configuration.userIDs.stored(user)
            guard try await Self.blocking({ try state.deleteUser(stored) }) else { throw Self.unknownUser(context) }
            return try JSONResponse.make(["deleted": user])
        }
    }

    /// The current snapshot and the `:id` user's profile, or a 404: the kept profile, else (when the
    /// server keeps only some) the stored one, read off the request's thread.
    func servedProfile(_ context: BasicRequestContext) async throws -> (
        snapshot: ServingState.Snapshot, profile: UserProfile
    ) {
        let (user, state) = (try storedUser(context), self.state)
        let kept = try state.keptProfile(of: user)
        if let profile = kept.profile {
            metrics.profileCacheHits.increment()
            return (kept.snapshot, profile)
        }
        guard !state.snapshots.holdsEveryProfile else { throw Self.unknownUser(context) }
        metrics.profileCacheMisses.increment()
        guard let stored = try await Self.blocking({ try state.storedProfile(of: user) }) else {
            throw Self.unknownUser(context)
        }
        return stored
    }

    /// The 404 for an `:id` user the server does not know, naming the id as the client gave it.
    static func unknownUser(_ context: BasicRequestContext) -> APIError {
        APIError.notFound("user '\(context.parameters.get("id") ?? "")' is not known")
    }

    /// The stored form of the `:id` user's id.
    func storedUser(_ context: BasicRequestContext) throws -> String {
        configuration.userIDs.stored(try context.parameters.require("id"))
    }

    /// The `k` a recommendation request may ask for; past the catalog's size the recommender refuses it
    /// too (a 400, see `computing`). The OpenAPI document states the same bounds.
    static let kRange = 1 ... 1000

    static func intParameter(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.badRequest(
                "\(name): '\(text)' is not an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    /// The `layer` parameter: one layer, or `nil` for all of them (absent or `all`).
    static func layerParameter(_ text: String?) throws -> LayerKind? {
        guard let text, text != "all" else { return nil }
        guard let kind = LayerKind(rawValue: text) else {
            throw APIError.badRequest("layer: '\(text)' is not a layer; expected surface, middle, deep or all")
        }
        return kind
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

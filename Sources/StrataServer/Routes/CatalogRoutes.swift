import Hummingbird
import StrataCore

extension StrataServer {
    /// Topics and segments.
    func addCatalogRoutes(to router: Router<BasicRequestContext>) {
        router.get("/v1/topics") { request, _ -> Response in
            let model = try self.state.topics()
            let level = request.uri.queryParameters.get("level")
            let topics: [Topic]
            switch level {
            case nil: topics = model.topics
            case "fine": topics = model.fine
            case "coarse": topics = model.coarse
            case let other?: throw APIError.badRequest("level: '\(other)' is not a topic level; expected fine or coarse")
            }
            return try JSONResponse.make(["topics": topics.map(TopicView.init)])
        }
        router.get("/v1/segments") { _, _ -> Response in
            guard let segments = self.state.segments else { throw APIError.unavailable("segments") }
            return try JSONResponse.make(AnyEncodable(try segments.segments()))
        }
        router.get("/v1/segments/:id") { _, context -> Response in
            guard let segments = self.state.segments else { throw APIError.unavailable("segments") }
            let id = try context.parameters.require("id")
            guard let segment = try segments.segment(id: id) else { throw APIError.notFound("segment '\(id)' is not known") }
            return try JSONResponse.make(AnyEncodable(segment))
        }
    }
}

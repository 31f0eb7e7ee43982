import Hummingbird
import StrataCore
import StrataPipeline

extension StrataServer {
    /// Topics and segments.
    func addCatalogRoutes(to router: some RouterMethods<BasicRequestContext>) {
        router.get("/v1/topics") { request, _ -> Response in
            let snapshot = try self.state.snapshot()
            let model = snapshot.topics
            let level = request.uri.queryParameters.get("level")
            let topics: [Topic]
            switch level {
            case nil: topics = model.topics
            case "fine": topics = model.fine
            case "coarse": topics = model.coarse
            case let other?:
                throw APIError.badRequest("level: '\(other)' is not a topic level; expected fine or coarse")
            }
            return try JSONResponse.make(TopicListView(topics: topics, names: self.labelNames(snapshot).topics))
        }
        router.get("/v1/segments") { _, _ -> Response in
            let snapshot = try self.state.snapshot()
            return try JSONResponse.make(
                SegmentListView(
                    snapshot.segments, topics: snapshot.topics, titles: snapshot.recommender.explainer.titles,
                    names: self.labelNames(snapshot), disclosure: self.configuration.disclosure))
        }
        router.get("/v1/segments/:id") { _, context -> Response in
            let text = try context.parameters.require("id")
            let snapshot = try self.state.snapshot()
            guard let id = Int(text), let segment = snapshot.segments.segment(id) else {
                throw APIError.notFound("segment '\(text)' is not known")
            }
            return try JSONResponse.make(
                SegmentView(
                    segment, topics: snapshot.topics, titles: snapshot.recommender.explainer.titles,
                    members: snapshot.segments.members(of: id), names: self.labelNames(snapshot),
                    disclosure: self.configuration.disclosure))
        }
    }
}

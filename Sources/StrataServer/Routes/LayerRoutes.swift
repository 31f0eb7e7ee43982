import Hummingbird
import StrataPipeline

extension StrataServer {
    /// The store's layer evaluation and how one user's layers moved over their history, on `reads`.
    func addLayerRoutes(to router: some RouterMethods<BasicRequestContext>) {
        router.get("/v1/evaluation/layers") { _, _ -> Response in
            guard let view = try await Self.blocking({ [state = self.state] in try state.layerEvaluation() }) else {
                throw APIError.notFound(
                    "this store has no layer evaluation: run `strata evaluate --layers` on it")
            }
            return try JSONResponse.make(view)
        }
        router.get("/v1/users/:id/layers/history") { request, context -> Response in
            let points = try Self.intParameter(
                request.uri.queryParameters.get("points"), name: "points", default: 6, range: Self.historyPoints)
            let user = try await self.servedProfile(context).profile.user
            let profiles = try await Self.blocking { [state = self.state] in
                try state.layerHistory(of: user, points: points)
            }
            return try JSONResponse.make(LayerHistoryView(user: user, profiles: profiles))
        }
    }

    /// How many cuts a layer history may ask for.
    static let historyPoints = 2 ... 24
}

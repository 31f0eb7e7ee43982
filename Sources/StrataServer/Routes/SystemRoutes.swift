import Hummingbird
import StrataPipeline

extension StrataServer {
    /// `/healthz`, `/metrics`, `/openapi.json`, and the dashboard at `/` on `dashboard`.
    func addSystemRoutes(
        to router: some RouterMethods<BasicRequestContext>, dashboard: some RouterMethods<BasicRequestContext>
    ) {
        router.get("/healthz") { _, _ -> Response in
            guard self.state.isReady else {
                return try JSONResponse.make(self.startup.report, status: .serviceUnavailable)
            }
            guard try await StrataServer.blocking({ [state = self.state] in state.storeIsReachable() }) else {
                return try JSONResponse.make(["status": "database unreachable"], status: .serviceUnavailable)
            }
            return try JSONResponse.make(["status": "ok"])
        }
        router.get("/metrics") { _, _ -> Response in
            self.llmMetrics?.update()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.metrics.registry.emitToBuffer())))
        }
        router.get("/openapi.json") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        dashboard.get("/") { _, _ -> Response in
            let snapshot = try? self.state.snapshot()
            let html = DashboardPage.html(
                snapshot, profiles: self.state.snapshots.keptProfiles(of:),
                readsNeedKey: self.configuration.readsNeedKey, disclosure: self.configuration.disclosure,
                names: snapshot.map(self.labelNames) ?? LabelNames())
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        }
    }
}

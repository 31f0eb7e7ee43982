import StrataCore
import StrataPipeline

extension ServingState {
    /// `user`'s profiles at `points` cuts through their stored events (`Pipeline.layerHistory`), built as
    /// the served profiles are; empty for a user without events. Only the read holds the writer.
    func layerHistory(of user: String, points: Int) throws -> [UserProfile] {
        let builder = try snapshot().builder
        let events = try writer.withLock { try $0.pipeline.events(ofUser: user) }
        return Pipeline.layerHistory(user: user, events: events, points: points, builder: builder)
    }

    /// The layer settings and evaluation `strata evaluate --layers` kept in the store, if it ran.
    func layerEvaluation() throws -> LayerEvaluationView? {
        try writer.withLock { writer in
            try writer.pipeline.storedLayerEvaluation().map {
                LayerEvaluationView(settings: $0.settings, report: $0.report)
            }
        }
    }
}

import StrataCluster
import StrataCore

/// The demo's segment stage: the sample users grouped on their deep (stable) interests, compared with
/// the segments the sample's simulator planted.
extension Demo {
    func showSegments() throws {
        let pipeline = try pipeline()
        let model = try pipeline.segments(layer: .deep, catalog: try pipeline.catalog())
        let titles = try pipeline.store.items().titlesByID()
        print(SegmentOutput.table(model, names: pipeline.segmentNames(model, titles: titles)))
        LLMOptions.reportUsage(of: pipeline)
        let truth = try truth()
        let users = truth.users.filter { model.memberships[$0.id] != nil }
        let ari = try ClusterMetrics.adjustedRandIndex(
            users.map(\.segment), users.map { model.memberships[$0.id]!.segment })
        print(
            String(
                format:
                    "agreement with the %d planted segments over %d users: adjusted Rand index %.3f (1 = identical, 0 = chance)",
                truth.segments.count, users.count, ari))
        print("  … `strata segment --db \(db) --show ID` shows one segment in detail")
    }
}

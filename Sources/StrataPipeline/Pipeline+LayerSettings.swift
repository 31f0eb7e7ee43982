import Foundation
import StrataCore
import StrataEvaluation
import StrataStore

/// The layer settings `strata evaluate --layers` chose on this store's own events, with what it measured
/// with them.
struct LayerSettingsRecord: StageRecord {
    var configuration: ProfileConfiguration
    /// The layer evaluation with the chosen settings (absent in a record kept without one).
    var report: LayerReport?
    var chosenAt = 0.0

    static func key(_ qualifier: String) -> String { "layer-settings" }
}

extension Pipeline {
    /// Keeps `configuration` as this store's layer settings (what the layer evaluation chose on its events,
    /// with `report`, what it measured with them): from then on every pipeline over the store that adopts
    /// them (`adoptStoredLayerSettings()`) builds profiles with them, and the profiles stage, whose inputs
    /// include the settings, runs again.
    public func saveLayerSettings(_ configuration: ProfileConfiguration, report: LayerReport? = nil) throws {
        try store.save(LayerSettingsRecord(configuration: configuration, report: report, chosenAt: Self.now))
        profileConfiguration = configuration
    }

    /// Builds profiles with the layer settings kept in the store, when it keeps some (else the defaults
    /// stay); whether it did.
    @discardableResult
    public func adoptStoredLayerSettings() throws -> Bool {
        guard let record = try store.record(LayerSettingsRecord.self) else { return false }
        profileConfiguration = record.configuration
        return true
    }

    /// The kept layer settings and the layer evaluation made with them, `nil` when `strata evaluate --layers`
    /// has not run on this store.
    public func storedLayerEvaluation() throws -> (settings: ProfileConfiguration, report: LayerReport)? {
        guard let record = try store.record(LayerSettingsRecord.self), let report = record.report else { return nil }
        return (record.configuration, report)
    }
}

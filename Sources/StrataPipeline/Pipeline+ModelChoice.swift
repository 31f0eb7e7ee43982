import Foundation
import StrataEmbedding
import StrataStore
import StrataText

extension Pipeline {
    /// The encoder for a store whose user named none: the one recorded in the store, else — once the
    /// store has items — multilingual-e5-small when most items' titles and descriptions are not in
    /// (ASCII-lettered) English, all-MiniLM-L6-v2 otherwise; the choice is recorded, so the store's
    /// vectors stay with one model, and said through `log`. An empty store gets the default unrecorded.
    public static func automaticModel(store: any Store, log: (String) -> Void) throws -> String {
        if let recorded = try store.record(ModelChoiceRecord.self) { return recorded.modelID }
        let verdicts = try store.items().compactMap { LetterScript.isMostlyASCII($0.title + " " + $0.description) }
        guard !verdicts.isEmpty else { return ModelLocator.defaultModelName }
        let share = Double(verdicts.filter { !$0 }.count) / Double(verdicts.count)
        let modelID = share > 0.5 ? ModelLocator.multilingualModelName : ModelLocator.defaultModelName
        try store.save(ModelChoiceRecord(modelID: modelID, nonEnglishShare: share, chosenAt: now))
        if modelID != ModelLocator.defaultModelName {
            log(
                String(
                    format:
                        "%.0f%% of the catalog is not in English: embedding with %@ (recorded in the store; --model overrides)",
                    share * 100, modelID))
        }
        return modelID
    }
}

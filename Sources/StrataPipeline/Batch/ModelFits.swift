import Foundation
import StrataStore

/// A keeper that reads from `source` and copies every fit it reads or keeps into `copy`: an export fits the
/// recommender once through it, so the model folder gets exactly the fits the recommender used.
struct CopyingFitKeeper: FitKeeper {
    let source: (any FitKeeper)?
    let copy: FolderFitKeeper

    var location: String { source?.location ?? copy.location }

    func read(kind: String, fingerprint: String) throws -> Data? {
        guard let data = try source?.read(kind: kind, fingerprint: fingerprint) else { return nil }
        try copy.keep(data, kind: kind, fingerprint: fingerprint)
        return data
    }

    func keep(_ data: Data, kind: String, fingerprint: String) throws {
        try source?.keep(data, kind: kind, fingerprint: fingerprint)
        try copy.keep(data, kind: kind, fingerprint: fingerprint)
    }

    func removeAll() throws {
        try source?.removeAll()
        try copy.removeAll()
    }
}

/// The fits of an exported model's `fits/` folder, never written: a batch job reads them and fits in
/// memory what is missing.
struct ReadOnlyFitKeeper: FitKeeper {
    let folder: FolderFitKeeper

    var location: String { folder.location }

    func read(kind: String, fingerprint: String) throws -> Data? {
        try folder.read(kind: kind, fingerprint: fingerprint)
    }

    func keep(_ data: Data, kind: String, fingerprint: String) throws {
        throw ModelFolderError("the exported model is read-only")
    }

    func removeAll() throws {}
}

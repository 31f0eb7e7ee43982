import Foundation

/// Fits kept as files `KIND-FINGERPRINT` in a folder (created when the first fit is kept): each is
/// written to a partial file and renamed into place, so a reader never sees half of one.
public struct FolderFitKeeper: FitKeeper {
    /// The folder the files live in.
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    public var location: String { folder.path }

    /// The file a fit of `kind` under `fingerprint` is kept in.
    public func file(kind: String, fingerprint: String) -> URL {
        folder.appendingPathComponent("\(kind)-\(fingerprint)")
    }

    public func read(kind: String, fingerprint: String) throws -> Data? {
        let url = file(kind: kind, fingerprint: fingerprint)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try Data(contentsOf: url, options: .mappedIfSafe)
    }

    public func keep(_ data: Data, kind: String, fingerprint: String) throws {
        let target = file(kind: kind, fingerprint: fingerprint)
        let partial = folder.appendingPathComponent(
            "\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: partial)
            guard rename(partial.path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name.hasPrefix("\(kind)-") && name != target.lastPathComponent {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Removes the kept fits and partial files (`.npy` and `.bin`); other files in the folder stay.
    public func removeAll() throws {
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where [".npy", ".bin"].contains(where: { name.hasSuffix($0) || name.contains("\($0).partial-") }) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}

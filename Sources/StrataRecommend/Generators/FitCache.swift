import Foundation
import StrataMath

/// Fitted weights kept in a folder between runs, so a fit whose inputs have not changed is read back
/// instead of recomputed (EASE on MovieLens takes tens of seconds to fit and a fraction of one to read).
///
/// Each kind of model keeps its weights in `KIND-FINGERPRINT.npy`, a float32 NumPy file (or other
/// bytes in `KIND-FINGERPRINT.bin`), where the fingerprint covers everything the fit read. Storing a fit removes the kind's other files, so the
/// folder holds at most one fit per kind. Nothing here throws: a file that is missing, unreadable or
/// of another shape is a miss (logged unless missing) and the caller fits again; a file that cannot be
/// written is logged and skipped.
public struct FitCache {
    /// The folder the files live in (created when the first fit is stored).
    public let folder: URL
    /// Receives one line for every hit, every store and every unusable file.
    public var log: (String) -> Void

    public init(folder: URL, log: @escaping (String) -> Void = { _ in }) {
        self.folder = folder
        self.log = log
    }

    /// The file a fit of `kind` with `fingerprint` is kept in.
    public func file(kind: String, fingerprint: String) -> URL {
        folder.appendingPathComponent("\(kind)-\(fingerprint).npy")
    }

    /// The `rows × columns` weights stored for `kind` under `fingerprint`, or `nil` when there are none
    /// or the file cannot be used: unreadable, of another shape, or refused by `isValid`.
    public func load(
        kind: String, fingerprint: String, rows: Int, columns: Int,
        isValid: (Matrix) -> Bool = { _ in true }
    ) -> Matrix? {
        let path = file(kind: kind, fingerprint: fingerprint).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let matrix = try NumpyFile.readMatrix(atPath: path)
            guard matrix.rows == rows, matrix.columns == columns else {
                log(
                    "\(path): expected \(rows) × \(columns) weights, found \(matrix.rows) × \(matrix.columns); fitting again"
                )
                return nil
            }
            guard isValid(matrix) else {
                log("\(path): the weights do not belong to this fit; fitting again")
                return nil
            }
            log("read the fitted \(kind) weights from \(path)")
            return matrix
        } catch {
            log("\(error); fitting again")
            return nil
        }
    }

    /// Stores `weights` for `kind` under `fingerprint` (written whole, then renamed into place) and
    /// removes the kind's other files.
    public func store(_ weights: Matrix, kind: String, fingerprint: String) {
        keep(file(kind: kind, fingerprint: fingerprint), kind: kind, what: "weights") {
            try NumpyFile.write(weights, toPath: $0.path)
        }
    }

    /// The file bytes of `kind` (a fit that is not a float matrix, such as an index's graph) are kept in.
    public func bytesFile(kind: String, fingerprint: String) -> URL {
        folder.appendingPathComponent("\(kind)-\(fingerprint).bin")
    }

    /// The bytes stored for `kind` under `fingerprint`, or `nil` when there are none or they cannot be read.
    public func loadBytes(kind: String, fingerprint: String) -> Data? {
        let url = bytesFile(kind: kind, fingerprint: fingerprint)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let data = try Data(contentsOf: url)
            log("read the kept \(kind) from \(url.path)")
            return data
        } catch {
            log("\(url.path): \(error); building it again")
            return nil
        }
    }

    /// Stores `bytes` for `kind` under `fingerprint` as `store(_:kind:fingerprint:)` stores weights.
    public func storeBytes(_ bytes: Data, kind: String, fingerprint: String) {
        keep(bytesFile(kind: kind, fingerprint: fingerprint), kind: kind, what: "data") {
            try bytes.write(to: $0)
        }
    }

    /// Writes `target` through `write` (to a partial file, then renamed into place) and removes the
    /// kind's other files; a failure is logged and leaves nothing behind.
    private func keep(_ target: URL, kind: String, what: String, write: (URL) throws -> Void) {
        let partial = folder.appendingPathComponent(
            "\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try write(partial)
            guard rename(partial.path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            log("cannot keep the fitted \(kind) \(what) in \(folder.path) (\(error)); the next run fits again")
            return
        }
        let others = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in others where name.hasPrefix("\(kind)-") && name != target.lastPathComponent {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        log("kept the fitted \(kind) \(what) in \(target.path) for the next run")
    }

    /// Removes every kept fit (after a user is deleted, the kept weights still carry their interactions).
    public func removeAll() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names
        where [".npy", ".bin"].contains(where: { name.hasSuffix($0) || name.contains("\($0).partial-") }) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}

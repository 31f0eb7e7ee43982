import Foundation
import StrataMath

/// Fitted models kept between runs in a `FitKeeper` (a folder, or a shared store's database), so a fit
/// whose inputs have not changed is read back instead of recomputed (EASE on MovieLens takes tens of
/// seconds to fit and a fraction of one to read).
///
/// Each kind of model keeps its fit under `FINGERPRINT.npy`, a float32 NumPy file (or other bytes under
/// `FINGERPRINT.bin`), where the fingerprint covers everything the fit read; the folder names the file
/// `KIND-FINGERPRINT.npy`. Keeping a fit replaces the kind's others, so at most one fit per kind is kept.
/// Nothing here throws: a fit that is missing, unreadable or of another shape is a miss (logged unless
/// missing) and the caller fits again; a fit that cannot be kept is logged and skipped.
public struct FitCache {
    /// Where the fits are kept.
    public let keeper: any FitKeeper
    /// Receives one line for every hit, every store and every unusable fit.
    public var log: (String) -> Void

    public init(keeper: any FitKeeper, log: @escaping (String) -> Void = { _ in }) {
        self.keeper = keeper
        self.log = log
    }

    /// Fits kept as files in `folder` (created when the first fit is kept).
    public init(folder: URL, log: @escaping (String) -> Void = { _ in }) {
        self.init(keeper: FolderFitKeeper(folder: folder), log: log)
    }

    /// The name of a fit in messages: its place in the keeper.
    func describe(kind: String, fingerprint: String) -> String {
        "\(keeper.location)/\(kind)-\(fingerprint)"
    }

    /// The `rows × columns` weights stored for `kind` under `fingerprint`, or `nil` when there are none
    /// or they cannot be used: unreadable, of another shape, or refused by `isValid`.
    public func load(
        kind: String, fingerprint: String, rows: Int, columns: Int,
        isValid: (Matrix) -> Bool = { _ in true }
    ) -> Matrix? {
        let name = describe(kind: kind, fingerprint: "\(fingerprint).npy")
        guard let bytes = read(kind: kind, fingerprint: "\(fingerprint).npy") else { return nil }
        do {
            let matrix = try NumpyFile.matrix(from: bytes, path: name)
            guard matrix.rows == rows, matrix.columns == columns else {
                log(
                    "\(name): expected \(rows) × \(columns) weights, found \(matrix.rows) × \(matrix.columns); fitting again"
                )
                return nil
            }
            guard isValid(matrix) else {
                log("\(name): the weights do not belong to this fit; fitting again")
                return nil
            }
            log("read the fitted \(kind) weights from \(name)")
            return matrix
        } catch {
            log("\(error); fitting again")
            return nil
        }
    }

    /// Keeps `weights` for `kind` under `fingerprint`, replacing the kind's other fits.
    public func store(_ weights: Matrix, kind: String, fingerprint: String) {
        keep(NumpyFile.encoded(weights), kind: kind, fingerprint: "\(fingerprint).npy", what: "weights")
    }

    /// The bytes kept for `kind` (a fit that is not a float matrix, such as an index's graph) under
    /// `fingerprint`, or `nil` when there are none or they cannot be read.
    public func loadBytes(kind: String, fingerprint: String) -> Data? {
        guard let bytes = read(kind: kind, fingerprint: "\(fingerprint).bin") else { return nil }
        log("read the kept \(kind) from \(describe(kind: kind, fingerprint: "\(fingerprint).bin"))")
        return bytes
    }

    /// Keeps `bytes` for `kind` under `fingerprint` as `store(_:kind:fingerprint:)` keeps weights.
    public func storeBytes(_ bytes: Data, kind: String, fingerprint: String) {
        keep(bytes, kind: kind, fingerprint: "\(fingerprint).bin", what: "data")
    }

    /// The name in messages of the bytes kept for `kind` under `fingerprint` by `storeBytes`.
    public func bytesName(kind: String, fingerprint: String) -> String {
        describe(kind: kind, fingerprint: "\(fingerprint).bin")
    }

    /// Removes every kept fit (after a user is deleted, the kept weights still carry their interactions);
    /// a failure is logged.
    public func removeAll() {
        do { try keeper.removeAll() } catch { log("cannot remove the kept fits in \(keeper.location): \(error)") }
    }

    /// The keeper's bytes, `nil` (logged) when it cannot read them.
    private func read(kind: String, fingerprint: String) -> Data? {
        do {
            return try keeper.read(kind: kind, fingerprint: fingerprint)
        } catch {
            log("\(describe(kind: kind, fingerprint: fingerprint)): \(error); fitting again")
            return nil
        }
    }

    /// Keeps `data` through the keeper; a failure is logged and leaves nothing behind.
    private func keep(_ data: Data, kind: String, fingerprint: String, what: String) {
        do {
            try keeper.keep(data, kind: kind, fingerprint: fingerprint)
        } catch {
            log("cannot keep the fitted \(kind) \(what) in \(keeper.location) (\(error)); the next run fits again")
            return
        }
        log("kept the fitted \(kind) \(what) in \(describe(kind: kind, fingerprint: fingerprint)) for the next run")
    }
}

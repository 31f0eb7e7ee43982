import Foundation
import StrataCore
import StrataMath
import StrataRecommend
import StrataStore

extension Pipeline {
    /// Writes the catalog side of the recommender `recommend --all-users` would use into `folder` (see
    /// `ModelFolder`), running the stages it needs first and choosing the hybrid as `recommend` does (the
    /// kept choice while the data has not changed materially). The folder is written beside itself and
    /// renamed into place, so it appears complete or not at all; an earlier export there is replaced, any
    /// other existing folder is refused. Returns the manifest.
    @discardableResult
    public func exportModel(to folder: URL) throws -> ModelManifest {
        let catalog = try catalog()
        let manager = FileManager.default
        if manager.fileExists(atPath: folder.path),
            !manager.fileExists(atPath: ModelFolder(url: folder).manifest.path)
        {
            throw ModelFolderError("\(folder.path) exists and is not an exported model; choose a new folder")
        }
        let parameters = try hybridParameters(catalog: catalog)
        let inputs = try currentRecommenderInputs(catalog: catalog, profiles: [])
        let segments: SegmentModel?
        do {
            segments = try self.segments(layer: .deep, catalog: catalog)
        } catch SegmentError.tooFewUsers {
            segments = nil
        }
        let staging = folder.deletingLastPathComponent().appendingPathComponent(
            ".\(folder.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            let written = ModelFolder(url: staging)
            // Fitting once through the copying keeper puts exactly the fits the recommender reads into the folder.
            let keeper = CopyingFitKeeper(source: fitKeeper, copy: FolderFitKeeper(folder: written.fits))
            _ = try fitRecommender(inputs, parameters: parameters, cache: FitCache(keeper: keeper, log: log))
            let manifest = try write(inputs, parameters: parameters, segments: segments, to: written)
            try? manager.removeItem(at: folder)
            try manager.moveItem(at: staging, to: folder)
            log("exported the model of \(manifest.users) users and \(manifest.items) items to \(folder.path)")
            return manifest
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// Writes every file of the model but the fits; returns the manifest written last.
    private func write(
        _ inputs: RecommenderInputs, parameters: HybridParameters, segments: SegmentModel?, to folder: ModelFolder
    ) throws -> ModelManifest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let vectors = inputs.vectors
        var fingerprint = FNV1a()
        fingerprint.mix(modelID)
        fingerprint.mix(String(decoding: try encoder.encode(parameters), as: UTF8.self))
        let itemsByID = Dictionary(try store.items().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        try writeLines(to: folder.items) { line in
            for (row, id) in vectors.itemIDs.enumerated() {
                try line(encoder.encode(itemsByID[id] ?? Item(id: id, title: id)))
                fingerprint.mix(id)
                for value in vectors.vectors.row(row) { fingerprint.mix(UInt64(value.bitPattern)) }
            }
        }
        try NumpyFile.write(vectors.vectors, toPath: folder.vectors.path)
        let topics = try encoder.encode(inputs.topics)
        fingerprint.mix(String(decoding: topics, as: UTF8.self))
        try topics.write(to: folder.topics)
        if var segments {
            segments.memberships = [:]
            try encoder.encode(segments).write(to: folder.segments)
        }
        let (hashes, events) = try eventHashes()
        let column = Dictionary(uniqueKeysWithValues: vectors.itemIDs.enumerated().map { ($1, $0) })
        try writeLines(to: folder.users) { line in
            for (index, history) in inputs.histories.enumerated() {
                let user = FittedUser(
                    user: history.user, items: history.items.compactMap { column[$0] },
                    times: zip(history.items, inputs.times[index]).compactMap { column[$0.0] == nil ? nil : $0.1 },
                    segment: inputs.segments[history.user], events: hashes[history.user] ?? "")
                try line(encoder.encode(user))
            }
            // Users without interactions: kept for their segment alone.
            let fitted = Set(inputs.histories.map(\.user))
            for (user, hash) in hashes.sorted(by: { $0.key < $1.key }) where !fitted.contains(user) {
                try line(
                    encoder.encode(
                        FittedUser(user: user, items: [], times: [], segment: inputs.segments[user], events: hash)))
            }
        }
        for (user, hash) in hashes.sorted(by: { $0.key < $1.key }) {
            fingerprint.mix(user)
            fingerprint.mix(hash)
        }
        let manifest = ModelManifest(
            fingerprint: fingerprint.hex, modelID: modelID, exportedAt: Self.now, items: vectors.itemIDs.count,
            users: hashes.count, events: events, parameters: parameters, profileConfiguration: profileConfiguration)
        try encoder.encode(manifest).write(to: folder.manifest)
        return manifest
    }

    /// `BatchEvents.hash` of every user's events, by user id, and how many events there are.
    private func eventHashes() throws -> (hashes: [String: String], events: Int) {
        var hashes = [String: String]()
        var (current, events, count) = (String?.none, [Event](), 0)
        func flush() {
            if let current { hashes[current] = BatchEvents.hash(BatchEvents.ordered(events)) }
            events.removeAll(keepingCapacity: true)
        }
        try store.forEachEvent { event in
            if event.userID != current {
                flush()
                current = event.userID
            }
            events.append(event)
            count += 1
        }
        flush()
        return (hashes, count)
    }

    /// Writes the lines `body` hands to its writer, each followed by a line break, to `file`.
    private func writeLines(to file: URL, _ body: ((Data) throws -> Void) throws -> Void) throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: file.path)
        else { throw ModelFolderError("cannot write \(file.path)") }
        defer { try? handle.close() }
        var buffer = Data()
        try body { line in
            buffer.append(line)
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }
}

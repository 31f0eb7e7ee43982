import Foundation
import StrataTestSupport
import Testing

/// `strata cluster` end to end: a float32 .npy written here by hand (NumPy's format 1.0), three
/// well-separated blobs that every algorithm must recover exactly, and bad options refused clearly.
struct ClusterCommandTests {
    /// 3 blobs of 20 points around (0, 0), (10, 0) and (0, 10), spread at most 0.5 from their centre.
    static let blobs: [[Float]] = (0 ..< 60).map { i in
        let centre: (Float, Float) = [(0, 0), (10, 0), (0, 10)][i / 20]
        let angle = Float(i) * 2.4
        let radius = 0.1 + 0.4 * Float(i % 5) / 4
        return [centre.0 + radius * cos(angle), centre.1 + radius * sin(angle)]
    }

    /// A NumPy version 1.0 .npy file of `rows` as little-endian float32.
    static func npy(_ rows: [[Float]]) -> Data {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows.count), \(rows[0].count)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        data.append(contentsOf: [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
        data.append(contentsOf: Array(header.utf8))
        for value in rows.joined() {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    @Test(arguments: [
        ["--algorithm", "kmeans", "--k", "3"],
        ["--algorithm", "kmeans", "--k", "auto", "--k-max", "6"],
        ["--algorithm", "minibatch", "--k", "3", "--batch-size", "16"],
        ["--algorithm", "dbscan", "--eps", "1.5", "--min-samples", "3"],
        ["--algorithm", "hdbscan", "--min-cluster-size", "5"],
        ["--algorithm", "agglomerative", "--k", "3", "--linkage", "ward"],
        ["--algorithm", "gmm", "--k", "3"]
    ])
    func everyAlgorithmRecoversThePlantedBlobs(options: [String]) async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("blobs.npy")
        let output = folder.appendingPathComponent("labels.txt")
        try Self.npy(Self.blobs).write(to: input)
        let run = try await RepositoryPaths.runStrata(
            ["cluster", "--input", input.path, "--output", output.path, "--seed", "3"] + options)
        #expect(run.status == 0, "\(run.error)")
        let labels = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").compactMap { Int($0) }
        #expect(labels.count == 60)
        // The same partition as the blobs: one label per blob, three different labels, no noise.
        let perBlob = (0 ..< 3).map { Set(labels[$0 * 20 ..< ($0 + 1) * 20]) }
        #expect(perBlob.allSatisfy { $0.count == 1 } && Set(perBlob.map { $0.first! }).count == 3, "\(labels)")
        #expect(!labels.contains(-1))
        let summary = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
        #expect(summary?["rows"] as? Int == 60 && summary?["k"] as? Int == 3 && summary?["noise"] as? Int == 0)
    }

    @Test func badOptionsAndFilesAreRefusedClearly() async throws {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("blobs.npy")
        let output = folder.appendingPathComponent("labels.txt").path
        try Self.npy(Self.blobs).write(to: input)
        let metric = try await RepositoryPaths.runStrata([
            "cluster", "--input", input.path, "--output", output, "--metric", "manhattan"
        ])
        #expect(metric.status != 0 && metric.error.contains("--metric: expected euclidean or cosine, got 'manhattan'"))
        let missing = try await RepositoryPaths.runStrata([
            "cluster", "--input", folder.appendingPathComponent("none.npy").path, "--output", output
        ])
        #expect(missing.status != 0 && missing.error.contains("none.npy"))
        try Data("not a numpy file".utf8).write(to: input)
        let garbage = try await RepositoryPaths.runStrata(["cluster", "--input", input.path, "--output", output])
        #expect(garbage.status != 0 && garbage.error.contains("blobs.npy"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}

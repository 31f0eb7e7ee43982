import Foundation
import StrataMath
import Testing

@testable import StrataCluster

/// Bad input gives thrown errors that say what was expected, never a crash.
@Suite struct BadInputTests {
    static let fits: [(String, @Sendable (Matrix) throws -> Void)] = [
        ("kmeans", { _ = try KMeans(k: 2).fit($0) }),
        ("minibatch", { _ = try MiniBatchKMeans(k: 2).fit($0) }),
        ("dbscan", { _ = try DBSCAN(eps: 1).fit($0) }),
        ("hdbscan", { _ = try HDBSCAN(minClusterSize: 2).fit($0) }),
        ("agglomerative", { _ = try AgglomerativeClustering().fit($0) }),
        ("gmm", { _ = try GaussianMixture(components: 2).fit($0) })
    ]

    @Test func emptyMatrixIsRejected() {
        for (name, fit) in Self.fits {
            #expect(throws: ClusterError.emptyInput(rows: 0, columns: 3), "\(name)") {
                try fit(Matrix(rows: 0, columns: 3))
            }
        }
    }

    @Test func nonFiniteValuesAreRejectedWithTheirPosition() {
        for bad in [Float.nan, .infinity, -.infinity] {
            let data = Matrix(rowVectors: [[0, 0], [1, 1], [2, bad], [3, 3]])
            for (name, fit) in Self.fits {
                #expect(throws: ClusterError.nonFiniteValue(row: 2, column: 1), "\(name)") { try fit(data) }
            }
        }
        #expect(ClusterError.nonFiniteValue(row: 2, column: 1).description.contains("row 2, column 1"))
    }

    @Test func moreClustersThanPointsIsRejected() {
        let data = Matrix(rowVectors: [[0, 0], [1, 1], [2, 2]])
        #expect(throws: ClusterError.tooManyClusters(k: 4, points: 3)) { try KMeans(k: 4).fit(data) }
        #expect(throws: ClusterError.tooManyClusters(k: 4, points: 3)) { try MiniBatchKMeans(k: 4).fit(data) }
        #expect(throws: ClusterError.tooManyClusters(k: 4, points: 3)) { try GaussianMixture(components: 4).fit(data) }
        #expect(throws: ClusterError.tooManyClusters(k: 4, points: 3)) {
            try AgglomerativeClustering().fit(data).labels(clusterCount: 4)
        }
        #expect(throws: ClusterError.self) { try KMeans(k: 0).fit(data) }
        #expect(ClusterError.tooManyClusters(k: 4, points: 3).description.contains("number of points (3)"))
    }

    @Test func invalidParametersAreRejected() {
        let data = Matrix(rowVectors: [[0, 0], [1, 1], [2, 2]])
        #expect(throws: ClusterError.self) { try DBSCAN(eps: 0).fit(data) }
        #expect(throws: ClusterError.self) { try HDBSCAN(minClusterSize: 1).fit(data) }
        #expect(throws: ClusterError.self) { try AgglomerativeClustering(linkage: .ward, metric: .cosine).fit(data) }
        #expect(throws: ClusterError.self) {
            try KMeans(k: 2).fit(data, initialCentroids: Matrix(rowVectors: [[0, 0]]))
        }
    }

    @Test func wrongNumpyFilesAreRejected() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "strata-npy-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func npy(_ name: String, header: String, payload: Int) throws -> String {
            var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
            let text = header + "\n"
            bytes += [UInt8(text.utf8.count & 0xFF), UInt8(text.utf8.count >> 8)] + Array(text.utf8)
            bytes += [UInt8](repeating: 0, count: payload)
            let path = dir.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
        let f8 = try npy("f8.npy", header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", payload: 32)
        #expect(throws: NumpyFile.Error.unsupportedDType(path: f8, found: "<f8")) {
            try NumpyFile.readMatrix(atPath: f8)
        }
        let oneD = try npy("1d.npy", header: "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", payload: 16)
        #expect(throws: NumpyFile.Error.notTwoDimensional(path: oneD, shape: "(4,)")) {
            try NumpyFile.readMatrix(atPath: oneD)
        }
        let short = try npy(
            "short.npy", header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", payload: 8)
        #expect(throws: NumpyFile.Error.truncated(path: short, expectedBytes: 24, foundBytes: 8)) {
            try NumpyFile.readMatrix(atPath: short)
        }
        let text = dir.appendingPathComponent("text.npy").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: NumpyFile.Error.notNumpy(path: text)) { try NumpyFile.readMatrix(atPath: text) }
        #expect(throws: NumpyFile.Error.self) {
            try NumpyFile.readMatrix(atPath: dir.appendingPathComponent("missing.npy").path)
        }
        #expect(NumpyFile.Error.unsupportedDType(path: f8, found: "<f8").description.contains("expected dtype float32"))

        // A round trip, and Fortran order read back in row-major order.
        let m = Matrix(rowVectors: [[1, 2, 3], [4, 5, 6]])
        let path = dir.appendingPathComponent("m.npy").path
        try NumpyFile.write(m, toPath: path)
        #expect(try NumpyFile.readMatrix(atPath: path) == m)
        let fortran = try npy("f.npy", header: "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", payload: 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: fortran))
        [Float(1), 4, 2, 5, 3, 6].withUnsafeBytes { bytes.append(contentsOf: $0) }
        try bytes.write(to: URL(fileURLWithPath: fortran))
        #expect(try NumpyFile.readMatrix(atPath: fortran) == m)
    }
}

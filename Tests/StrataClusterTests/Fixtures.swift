import Foundation
import StrataMath

/// The reference data written by scripts/reference/make_cluster_fixtures.py (scikit-learn, hdbscan).
enum Fixtures {
    static let directory: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    /// A float32 data set of the fixtures.
    static func matrix(_ name: String) throws -> Matrix {
        try NumpyFile.readMatrix(atPath: directory.appendingPathComponent(name + ".npy").path)
    }

    /// `reference.json`, the reference outputs keyed by section; a failed read fails the tests that need it.
    nonisolated(unsafe) static let reference = Result { () throws -> [String: Any] in
        let data = try Data(contentsOf: directory.appendingPathComponent("reference.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func section(_ path: String...) throws -> [String: Any] {
        path.reduce(try reference.get()) { $0[$1] as? [String: Any] ?? [:] }
    }
}

extension Dictionary where Key == String, Value == Any {
    // A missing key reads as empty or NaN, which fails the comparisons instead of stopping the run.
    func ints(_ key: String) -> [Int] { (self[key] as? [NSNumber] ?? []).map(\.intValue) }
    func doubles(_ key: String) -> [Double] { (self[key] as? [NSNumber] ?? []).map(\.doubleValue) }
    func double(_ key: String) -> Double { (self[key] as? NSNumber)?.doubleValue ?? .nan }
    func int(_ key: String) -> Int { (self[key] as? NSNumber)?.intValue ?? -1 }
}

import StrataMath

/// Clustering quality scores, each defined exactly as scikit-learn's function of the same name.
public enum ClusterMetrics {}

/// The distinct labels of a clustering, densely renumbered `0..<count` in order of first appearance.
struct DenseLabels {
    let codes: [Int]
    let count: Int

    init(_ labels: [Int]) {
        var index = [Int: Int]()
        codes = labels.map { label in
            if let code = index[label] { return code }
            index[label] = index.count
            return index.count - 1
        }
        count = index.count
    }
}

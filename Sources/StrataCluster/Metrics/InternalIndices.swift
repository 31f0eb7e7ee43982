import StrataMath

extension ClusterMetrics {
    /// The within-cluster sum of squared Euclidean distances to the cluster means.
    public static func inertia(_ data: Matrix, labels: [Int]) throws -> Double {
        let groups = try Groups(data, labels: labels, minimumClusters: 1)
        var total = 0.0
        for r in 0 ..< data.rows { total += groups.squaredDistance(row: r, toCentroid: groups.labels.codes[r]) }
        return total
    }

    /// The Davies–Bouldin index (lower is better); scikit-learn's `davies_bouldin_score`.
    public static func daviesBouldin(_ data: Matrix, labels: [Int]) throws -> Double {
        let groups = try Groups(data, labels: labels, minimumClusters: 2)
        let k = groups.labels.count
        var scatter = [Double](repeating: 0, count: k)
        for r in 0 ..< data.rows {
            let j = groups.labels.codes[r]
            scatter[j] += groups.squaredDistance(row: r, toCentroid: j).squareRoot()
        }
        for j in 0 ..< k { scatter[j] /= Double(groups.sizes[j]) }
        var total = 0.0
        for i in 0 ..< k {
            var worst = 0.0
            for j in 0 ..< k where j != i {
                let separation = groups.centroidDistance(i, j)
                let ratio = separation == 0 ? 0 : (scatter[i] + scatter[j]) / separation
                worst = max(worst, ratio)
            }
            total += worst
        }
        return total / Double(k)
    }

    /// The Calinski–Harabasz variance ratio (higher is better); scikit-learn's `calinski_harabasz_score`.
    public static func calinskiHarabasz(_ data: Matrix, labels: [Int]) throws -> Double {
        let groups = try Groups(data, labels: labels, minimumClusters: 2)
        let n = data.rows
        let d = data.columns
        let k = groups.labels.count
        var mean = [Double](repeating: 0, count: d)
        for r in 0 ..< n {
            for c in 0 ..< d { mean[c] += Double(data[r, c]) / Double(n) }
        }
        var between = 0.0
        var within = 0.0
        for j in 0 ..< k {
            var s = 0.0
            for c in 0 ..< d {
                let diff = groups.centroids[j * d + c] - mean[c]
                s += diff * diff
            }
            between += Double(groups.sizes[j]) * s
        }
        for r in 0 ..< n { within += groups.squaredDistance(row: r, toCentroid: groups.labels.codes[r]) }
        return within == 0 ? 1 : between * Double(n - k) / (within * Double(k - 1))
    }
}

/// Points grouped by label with their cluster means, in `Double`.
struct Groups {
    let data: Matrix
    let labels: DenseLabels
    let sizes: [Int]
    let centroids: [Double]

    init(_ data: Matrix, labels raw: [Int], minimumClusters: Int) throws {
        try validate(data)
        guard raw.count == data.rows else {
            throw ClusterError.lengthMismatch(what: "labels", expected: data.rows, found: raw.count)
        }
        let labels = DenseLabels(raw)
        guard labels.count >= minimumClusters, minimumClusters < 2 || labels.count < data.rows else {
            throw ClusterError.invalidParameter(
                name: "number of labels", value: "\(labels.count)",
                expected: minimumClusters < 2
                    ? "at least 1" : "between 2 and the number of points − 1 (\(data.rows - 1))")
        }
        let d = data.columns
        var sizes = [Int](repeating: 0, count: labels.count)
        var sums = [Double](repeating: 0, count: labels.count * d)
        for r in 0 ..< data.rows {
            let j = labels.codes[r]
            sizes[j] += 1
            for c in 0 ..< d { sums[j * d + c] += Double(data.values[r * d + c]) }
        }
        for j in 0 ..< labels.count {
            for c in 0 ..< d { sums[j * d + c] /= Double(sizes[j]) }
        }
        self.data = data
        self.labels = labels
        self.sizes = sizes
        self.centroids = sums
    }

    func squaredDistance(row r: Int, toCentroid j: Int) -> Double {
        let d = data.columns
        var s = 0.0
        for c in 0 ..< d {
            let diff = Double(data.values[r * d + c]) - centroids[j * d + c]
            s += diff * diff
        }
        return s
    }

    func centroidDistance(_ i: Int, _ j: Int) -> Double {
        let d = data.columns
        var s = 0.0
        for c in 0 ..< d {
            let diff = centroids[i * d + c] - centroids[j * d + c]
            s += diff * diff
        }
        return s.squareRoot()
    }
}

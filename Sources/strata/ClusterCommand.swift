import ArgumentParser
import Foundation
import StrataCluster
import StrataMath
import StrataPipeline

/// `strata cluster`: clusters the rows of a 2-D float32 .npy file and writes one label per row.
struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Cluster the rows of a 2-D float32 .npy file; writes one label per line (−1 = noise) and prints a JSON summary."
    )

    @Option(help: "The input matrix: a 2-D float32 NumPy .npy file, one row per point.")
    var input: String
    @Option(help: "Where to write the labels (one integer per line, no header).")
    var output: String
    @Option(help: "One of \(ClusterMethod.Algorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm: ClusterMethod.Algorithm = .kmeans
    @Option(help: "Number of clusters, or 'auto' (best silhouette; lowest BIC for gmm) over --k-min...--k-max.")
    var k: String = "8"
    @Option(help: "Smallest k tried by --k auto.") var kMin = 2
    @Option(help: "Largest k tried by --k auto.") var kMax = 20
    @Option(help: "k-means restarts (the best inertia is kept).") var nInit = 1
    @Option(help: "euclidean or cosine (cosine k-means is spherical k-means).")
    var metric: String = "euclidean"
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @Option(help: "Maximum iterations (k-means, gmm) or passes over the data (minibatch).") var maxIterations: Int?
    @Option(help: "DBSCAN neighbourhood radius, in --metric units.") var eps: Float = 0.5
    @Option(help: "Neighbours that make a point core (dbscan default 5, hdbscan default --min-cluster-size).")
    var minSamples: Int?
    @Option(help: "HDBSCAN smallest cluster.") var minClusterSize = 5
    @Option(help: "Agglomerative linkage: ward, average or complete.") var linkage: String = "ward"
    @Option(help: "Agglomerative: cut where merges reach this distance instead of at --k.")
    var distanceThreshold: Float?
    @Option(help: "Mixture covariance: diagonal or spherical.") var covariance: String = "diagonal"
    @Option(help: "Mini-batch size.") var batchSize = 1024
    @Option(help: "kmeans: start Lloyd from these centres (a k × columns float32 .npy) instead of k-means++.")
    var initialCentroids: String?
    @Option(
        help:
            "Reduce with PCA first: 'auto' (5 components, as BERTopic reduces to, for dbscan/hdbscan/gmm on more than 32 columns), 'none', or a number of components."
    )
    var pca: String = "auto"
    @Option(help: "Also write the PCA-reduced matrix to this .npy file (when a reduction ran).")
    var reducedOutput: String?

    func run() throws {
        do { try cluster() } catch let error as ClusterError {
            throw ValidationError(error.description)
        } catch let error as NumpyFile.Error {
            throw ValidationError(error.description)
        } catch let error as PCA.Error {
            throw ValidationError(error.description)
        }
    }

    private func cluster() throws {
        guard let metric = Metric(rawValue: metric) else {
            throw ValidationError("--metric: expected euclidean or cosine, got '\(self.metric)'")
        }
        let raw = try NumpyFile.readMatrix(atPath: input)
        // StrataCluster parallelises over rows itself; idle OpenBLAS threads would only spin against it.
        BLAS.setThreadCount(1)
        let start = Date()
        var summary = Summary(algorithm: algorithm.rawValue, rows: raw.rows, columns: raw.columns)
        let data = try reduced(raw, metric: metric, summary: &summary)
        let labels = try labels(for: data, metric: metric, summary: &summary)
        summary.seconds = Date().timeIntervalSince(start)
        summary.k = Set(labels.filter { $0 >= 0 }).count
        summary.noise = labels.filter { $0 < 0 }.count
        try (labels.map(String.init).joined(separator: "\n") + "\n").write(
            toFile: output, atomically: true, encoding: .utf8)
        print(JSONOutput.string(summary))
    }

    /// The data after the optional PCA step (applied to the metric-prepared rows).
    private func reduced(_ data: Matrix, metric: Metric, summary: inout Summary) throws -> Matrix {
        let components: Int?
        switch pca {
        case "none": components = nil
        case "auto": components = [.dbscan, .hdbscan, .gmm].contains(algorithm) && data.columns > 32 ? 5 : nil
        default:
            guard let n = Int(pca), n >= 1 else {
                throw ValidationError("--pca: expected auto, none or a positive number, got '\(pca)'")
            }
            components = n
        }
        guard let components else { return data }
        var rows = data
        if metric == .cosine { rows.normalizeRows() }
        let projection = try PCA(fitting: rows, components: components)
        summary.pcaComponents = components
        summary.pcaExplainedVariance = Double(projection.explainedVarianceRatio.reduce(0, +))
        let reduced = projection.transform(rows)
        if let reducedOutput { try NumpyFile.write(reduced, toPath: reducedOutput) }
        return reduced
    }

    private func clusterCount(_ data: Matrix, metric: Metric, summary: inout Summary) throws -> Int {
        guard k == "auto" else {
            guard let value = Int(k) else { throw ValidationError("--k: expected a number or 'auto', got '\(k)'") }
            return value
        }
        let ks = kMin ... max(kMin, min(kMax, data.rows - 1))
        let choice =
            algorithm == .gmm
            ? try KSelection.byBIC(data, ks: ks, covariance: try covarianceType(), seed: seed)
            : try KSelection.bySilhouette(data, ks: ks, metric: metric, nInit: nInit, seed: seed)
        let scores = Dictionary(uniqueKeysWithValues: choice.scores.map { ("\($0.k)", Double($0.score)) })
        if algorithm == .gmm { summary.bicByK = scores } else { summary.silhouetteByK = scores }
        return choice.best
    }

    private func covarianceType() throws -> CovarianceType {
        guard let type = CovarianceType(rawValue: covariance) else {
            throw ValidationError("--covariance: expected diagonal or spherical, got '\(covariance)'")
        }
        return type
    }

    private func labels(for data: Matrix, metric: Metric, summary: inout Summary) throws -> [Int] {
        let input = algorithm == .minibatch && metric == .cosine ? normalized(data) : data
        let clustering = try clusterer(for: data, metric: metric, summary: &summary).cluster(input)
        summary.inertia = clustering.inertia
        summary.iterations = clustering.iterations
        summary.bic = clustering.bic
        return clustering.labels
    }

    /// The method the options name (`ClusterMethod`), with k chosen on `data` where it is `auto`.
    private func clusterer(for data: Matrix, metric: Metric, summary: inout Summary) throws -> any Clusterer {
        if algorithm == .kmeans, let initialCentroids {
            let start = try NumpyFile.readMatrix(atPath: initialCentroids)
            return KMeansFromCentroids(
                kmeans: KMeans(k: start.rows, maxIterations: maxIterations ?? 300, metric: metric), start: start)
        }
        guard let linkage = Linkage(rawValue: linkage) else {
            throw ValidationError("--linkage: expected ward, average or complete, got '\(self.linkage)'")
        }
        let needsK: Bool =
            switch algorithm {
            case .dbscan, .hdbscan: false
            case .agglomerative: distanceThreshold == nil
            case .kmeans, .minibatch, .gmm: true
            }
        var method = ClusterMethod(algorithm, k: needsK ? try clusterCount(data, metric: metric, summary: &summary) : 0)
        method.nInit = nInit
        method.maxIterations = maxIterations
        method.metric = metric
        method.seed = seed
        method.eps = eps
        method.minSamples = minSamples
        method.minClusterSize = minClusterSize
        method.linkage = linkage
        method.distanceThreshold = distanceThreshold
        method.covariance = try covarianceType()
        method.batchSize = batchSize
        return method.clusterer()
    }

    /// k-means started from given centroids (`--initial-centroids`).
    private struct KMeansFromCentroids: Clusterer {
        let kmeans: KMeans
        let start: Matrix

        func cluster(_ data: Matrix) throws -> Clustering {
            let result = try kmeans.fit(data, initialCentroids: start)
            return Clustering(labels: result.labels, inertia: result.inertia, iterations: result.iterations)
        }
    }

    /// The JSON summary printed after clustering; fields that do not apply to the run are left out.
    struct Summary: Encodable {
        var algorithm: String
        var rows: Int
        var columns: Int
        var seconds = 0.0
        var k = 0
        var noise = 0
        var pcaComponents: Int?
        var pcaExplainedVariance: Double?
        var silhouetteByK: [String: Double]?
        var bicByK: [String: Double]?
        var inertia: Double?
        var iterations: Int?
        var bic: Double?

        enum CodingKeys: String, CodingKey {
            case algorithm, rows, columns, seconds, k, noise, inertia, iterations, bic
            case pcaComponents = "pca_components"
            case pcaExplainedVariance = "pca_explained_variance"
            case silhouetteByK = "silhouette_by_k"
            case bicByK = "bic_by_k"
        }
    }

    private func normalized(_ data: Matrix) -> Matrix {
        var rows = data
        rows.normalizeRows()
        return rows
    }
}

extension ClusterMethod.Algorithm: ExpressibleByArgument {}

// swift-tools-version:6.1
import PackageDescription

// The module ladder of DESIGN.md: every target imports only targets listed above it.
let package = Package(
    name: "Strata",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "strata", targets: ["strata"]),
        .library(name: "StrataEmbedding", targets: ["StrataEmbedding"]),
        // For the fuzz targets of Fuzz/ (a package of their own).
        .library(name: "StrataStore", targets: ["StrataStore"]),
        .library(name: "StrataServer", targets: ["StrataServer"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0" ..< "5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0")
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "CKernels"),
        .target(name: "StrataMath", dependencies: ["CBLAS", "CKernels"]),
        .target(name: "StrataText"),
        .target(name: "StrataEmbedding", dependencies: ["StrataMath", "StrataText"]),
        .target(name: "StrataCluster", dependencies: ["StrataMath"]),
        .target(name: "StrataCore", dependencies: ["StrataMath", "StrataText", "StrataCluster"]),
        .target(name: "StrataSample", dependencies: ["StrataCore", "StrataMath"]),
        // The generative model's client: talks to any OpenAI-compatible endpoint; no store.
        .target(
            name: "StrataLLM",
            dependencies: [
                "StrataCore",
                "StrataText",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio")
            ]
        ),
        .target(
            name: "StrataStore",
            dependencies: [
                "StrataCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio")
            ]
        ),
        // Algorithm layers: pure, no store.
        .target(name: "StrataRecommend", dependencies: ["StrataCluster", "StrataCore", "StrataMath", "CBLAS"]),
        .target(name: "StrataEvaluation", dependencies: ["StrataRecommend"]),
        // Stages on top of the store and the algorithms.
        .target(
            name: "StrataPipeline",
            dependencies: [
                "StrataStore", "StrataEmbedding", "StrataCore", "StrataLLM", "StrataRecommend", "StrataEvaluation"
            ]),
        .target(
            name: "StrataServer",
            dependencies: [
                "StrataPipeline",
                "StrataRecommend",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        .executableTarget(
            name: "strata",
            dependencies: [
                "StrataEmbedding",
                "StrataCluster",
                "StrataStore",
                "StrataPipeline",
                "StrataSample",
                "StrataRecommend",
                "StrataEvaluation",
                "StrataServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]
        ),
        .target(
            name: "StrataTestSupport", dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/StrataTestSupport"),
        .testTarget(name: "StrataMathTests", dependencies: ["StrataMath", "CKernels"]),
        .testTarget(name: "StrataTextTests", dependencies: ["StrataText", "StrataTestSupport"]),
        .testTarget(name: "StrataEmbeddingTests", dependencies: ["StrataEmbedding", "StrataTestSupport"]),
        .testTarget(
            name: "StrataEvaluationTests",
            dependencies: ["StrataEvaluation", "StrataRecommend", "StrataCore", "StrataMath"]),
        .testTarget(name: "StrataRecommendTests", dependencies: ["StrataRecommend", "StrataTestSupport"]),
        .testTarget(name: "StrataCoreTests", dependencies: ["StrataCore", "StrataSample", "StrataTestSupport"]),
        .testTarget(name: "StrataStoreTests", dependencies: ["StrataStore", "StrataSample", "StrataTestSupport"]),
        .testTarget(name: "StrataSampleTests", dependencies: ["StrataSample", "StrataStore", "StrataTestSupport"]),
        .testTarget(
            name: "StrataPipelineTests",
            dependencies: ["StrataPipeline", "StrataEvaluation", "StrataSample", "StrataTestSupport"]),
        .testTarget(
            name: "StrataLLMTests",
            dependencies: [
                "StrataLLM",
                "StrataPipeline",
                "StrataStore",
                "StrataSample",
                "StrataTestSupport"
            ]
        ),
        .testTarget(
            name: "StrataServerTests",
            dependencies: [
                "StrataServer",
                "StrataPipeline",
                "StrataStore",
                "StrataEmbedding",
                "StrataTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTesting", package: "hummingbird")
            ]
        ),
        .testTarget(name: "StrataCLITests", dependencies: ["strata", "StrataStore", "StrataTestSupport"]),
        .testTarget(
            name: "StrataClusterTests",
            dependencies: ["StrataCluster", "StrataMath"],
            resources: [.copy("Fixtures")]
        )
    ]
)

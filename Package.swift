// swift-tools-version:6.1
import PackageDescription

// The module ladder of DESIGN.md: every target imports only targets listed above it, and lists here
// every module it imports (project targets and external products alike): SwiftPM lets a target import
// any module of its dependency closure, so an undeclared import builds until the chain that leaked it
// changes. ModuleLadderTests (StrataCoreTests) reads every file's imports and checks both rules.
let package = Package(
    name: "Strata",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "strata", targets: ["strata"]),
        .library(name: "StrataEmbedding", targets: ["StrataEmbedding"]),
        // For the fuzz targets of Fuzz/ (a package of their own): the readers alone, without a backend.
        .library(name: "StrataImport", targets: ["StrataImport"]),
        // For FuzzAPIBodies: the API's request bodies and their decoding, without the server.
        .library(name: "StrataWire", targets: ["StrataWire"]),
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
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        // Imported directly by the server and the PostgreSQL store (they also come through Hummingbird
        // and postgres-nio): the floors are the releases where the APIs used here appeared.
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.3.0")
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
        .target(name: "StrataCluster", dependencies: ["StrataMath", "CBLAS"]),
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
        // The store layer: the protocols and shared types, then one target per job above them.
        .target(name: "StrataStore", dependencies: ["StrataCore", "StrataMath"]),
        // Pseudonymous user ids and encrypted event texts, tied to a store by key records.
        .target(
            name: "StrataPrivacy",
            dependencies: ["StrataStore", "StrataCore", .product(name: "Crypto", package: "swift-crypto")]),
        // Reading files into any store: no backend, no cryptography (the fuzz targets link it alone).
        .target(name: "StrataImport", dependencies: ["StrataStore", "StrataCore", "StrataText"]),
        .target(
            name: "StrataSQLite",
            dependencies: [
                "StrataStore",
                "StrataPrivacy",
                "StrataCore",
                "StrataMath",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift")
            ]
        ),
        .target(
            name: "StrataPostgres",
            dependencies: [
                "StrataStore",
                "StrataPrivacy",
                "StrataCore",
                "StrataMath",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        // The one target that sees every backend: opens the store a path or URL names.
        .target(
            name: "StrataBackends",
            dependencies: ["StrataStore", "StrataPrivacy", "StrataSQLite", "StrataPostgres", "StrataCore"]),
        // Algorithm layers: pure, no store. The generators keep their fits between runs through the store
        // layer's `FitCache` alone, which StrataRecommend's files import by name (ModuleLadderTests checks).
        .target(
            name: "StrataRecommend",
            dependencies: ["StrataCluster", "StrataCore", "StrataMath", "StrataStore", "CBLAS"]),
        .target(name: "StrataEvaluation", dependencies: ["StrataRecommend", "StrataCore", "StrataMath"]),
        // Stages on top of the store and the algorithms.
        .target(
            name: "StrataPipeline",
            dependencies: [
                "StrataStore",
                "StrataImport",
                "StrataEmbedding",
                "StrataCore",
                "StrataMath",
                "StrataText",
                "StrataLLM",
                "StrataRecommend",
                "StrataEvaluation"
            ]),
        // The HTTP API's request bodies and their decoding errors, without a server (Foundation and the
        // domain alone): the server answers those errors with a 400, and FuzzAPIBodies fuzzes them unlinked
        // from Hummingbird, NIO and the stores.
        .target(name: "StrataWire", dependencies: ["StrataCore"]),
        .target(
            name: "StrataServer",
            dependencies: [
                "StrataWire",
                "StrataPipeline",
                "StrataRecommend",
                "StrataStore",
                "StrataPrivacy",
                "StrataLLM",
                "StrataEmbedding",
                "StrataCore",
                "StrataMath",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        .executableTarget(
            name: "strata",
            dependencies: [
                "StrataMath",
                "StrataText",
                "StrataEmbedding",
                "StrataCluster",
                "StrataCore",
                "StrataLLM",
                "StrataStore",
                "StrataPrivacy",
                "StrataImport",
                "StrataBackends",
                "StrataPipeline",
                "StrataSample",
                "StrataRecommend",
                "StrataEvaluation",
                "StrataServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]
        ),
        .target(
            name: "StrataTestSupport",
            dependencies: ["StrataCore", "StrataMath", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/StrataTestSupport"),
        .testTarget(name: "StrataMathTests", dependencies: ["StrataMath", "CKernels"]),
        .testTarget(name: "StrataTextTests", dependencies: ["StrataText", "StrataTestSupport"]),
        .testTarget(name: "StrataEmbeddingTests", dependencies: ["StrataEmbedding", "StrataMath", "StrataTestSupport"]),
        .testTarget(
            name: "StrataEvaluationTests",
            dependencies: ["StrataEvaluation", "StrataRecommend", "StrataCore", "StrataMath"]),
        .testTarget(
            name: "StrataRecommendTests",
            dependencies: ["StrataRecommend", "StrataCore", "StrataMath", "StrataStore", "StrataTestSupport"]),
        .testTarget(
            name: "StrataCoreTests",
            dependencies: [
                "StrataCore", "StrataCluster", "StrataMath", "StrataText", "StrataSample", "StrataTestSupport"
            ]),
        .testTarget(
            name: "StrataStoreTests",
            dependencies: [
                "StrataStore",
                "StrataPrivacy",
                "StrataImport",
                "StrataSQLite",
                "StrataPostgres",
                "StrataCore",
                "StrataMath",
                "StrataSample",
                "StrataTestSupport",
                .product(name: "GRDB", package: "GRDB.swift")
            ]),
        .testTarget(
            name: "StrataSampleTests",
            dependencies: [
                "StrataSample", "StrataCore", "StrataStore", "StrataImport", "StrataSQLite", "StrataTestSupport"
            ]),
        .testTarget(
            name: "StrataPipelineTests",
            dependencies: [
                "StrataPipeline",
                "StrataEvaluation",
                "StrataCluster",
                "StrataCore",
                "StrataEmbedding",
                "StrataMath",
                "StrataRecommend",
                "StrataStore",
                "StrataImport",
                "StrataSQLite",
                "StrataSample",
                "StrataTestSupport"
            ]),
        .testTarget(
            name: "StrataLLMTests",
            dependencies: [
                "StrataLLM",
                "StrataCore",
                "StrataPipeline",
                "StrataRecommend",
                "StrataStore",
                "StrataSQLite",
                "StrataSample",
                "StrataTestSupport"
            ]
        ),
        .testTarget(
            name: "StrataServerTests",
            dependencies: [
                "StrataServer",
                "StrataWire",
                "StrataPipeline",
                "StrataEvaluation",
                "StrataRecommend",
                "StrataStore",
                "StrataPrivacy",
                "StrataImport",
                "StrataSQLite",
                "StrataPostgres",
                "StrataBackends",
                "StrataLLM",
                "StrataEmbedding",
                "StrataCore",
                "StrataMath",
                "StrataTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio")
            ]
        ),
        .testTarget(
            name: "StrataCLITests",
            dependencies: [
                "strata", "StrataStore", "StrataSQLite", "StrataPostgres", "StrataTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]),
        .testTarget(
            name: "StrataClusterTests",
            dependencies: ["StrataCluster", "StrataMath"],
            resources: [.copy("Fixtures")]
        )
    ]
)

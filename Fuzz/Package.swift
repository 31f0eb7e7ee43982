// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets, a package of their own so that building Strata never needs the fuzzer flags. Built by
// `make fuzz` with `swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing`
// (the file readers' targets reach Strata's internal readers through `@testable import`).
let package = Package(
    name: "StrataFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Strata", path: "..")],
    targets: [
        // Every target's hand-over to libFuzzer, linking nothing of Strata.
        .target(name: "LibFuzzer"),
        // The file readers' fuzzers link the importer alone (no store backend, no cryptography); FuzzAPIBodies
        // links the API's request bodies alone (no server: no Hummingbird, NIO, store or importer).
        .target(name: "FuzzSupport", dependencies: [.product(name: "StrataImport", package: "Strata")]),
        .executableTarget(name: "FuzzCSV", dependencies: ["LibFuzzer", "FuzzSupport"]),
        .executableTarget(name: "FuzzJSONL", dependencies: ["LibFuzzer", "FuzzSupport"]),
        .executableTarget(
            name: "FuzzAPIBodies", dependencies: ["LibFuzzer", .product(name: "StrataWire", package: "Strata")])
    ]
)

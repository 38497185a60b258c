// swift-tools-version: 6.0
import PackageDescription

/// Targets follow the pipeline in shared/DESIGN.md: each depends only on targets to its left.
/// LookML → SemanticModel → QueryEngine → (Warehouse) → Presentation → TerminalUI → spyglass.
let package = Package(
    name: "Spyglass",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "spyglass", targets: ["spyglass"]),
        .executable(name: "spyglass-bench", targets: ["spyglass-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // Already in the graph through async-http-client; named so Warehouse may import NIOCore/NIOHTTP1.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C libraries behind tiny system-library targets.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),

        // The compiler: syntax → semantic model → query plan → SQL. No C libraries here.
        .target(name: "Gregorian", exclude: ["README.md"]),
        .target(name: "LookML", exclude: ["README.md"]),
        .target(name: "Liquid", exclude: ["README.md"]),
        .target(name: "SemanticModel", dependencies: ["LookML", "Liquid", .product(name: "Yams", package: "Yams")], exclude: ["README.md"]),
        .target(name: "QueryEngine", dependencies: ["SemanticModel", "Liquid", "Gregorian"], exclude: ["README.md"]),

        // Connectors and everything that talks to the outside world.
        .target(name: "ArrowIPC", exclude: ["README.md"]),
        .target(name: "Warehouse", dependencies: [
            "CSQLite", "CLibPQ", "Gregorian", "ArrowIPC",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], exclude: ["README.md"]),
        .target(name: "DemoWarehouse", dependencies: ["Warehouse", "Gregorian"], exclude: ["README.md"]),
        .target(name: "Presentation", dependencies: ["QueryEngine", "Warehouse", .product(name: "Crypto", package: "swift-crypto")], exclude: ["README.md", "Reports/README.md"]),
        .target(name: "SpyglassCore", dependencies: ["SemanticModel", "QueryEngine", "Warehouse", "Presentation", "DemoWarehouse",
                                             .product(name: "Yams", package: "Yams")], exclude: ["README.md"]),
        .target(name: "TerminalUI", dependencies: ["SpyglassCore", "CNcursesw"], exclude: ["README.md"]),

        // Thin front ends.
        .executableTarget(name: "spyglass", dependencies: [
            "SpyglassCore", "TerminalUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "spyglass-bench", dependencies: ["SpyglassCore", "TestSupport", "TerminalUI"]),

        // Throwaway PostgreSQL clusters and fixtures shared by tests and benchmarks.
        .target(name: "TestSupport", dependencies: ["Warehouse"], path: "Tests/TestSupport"),

        .testTarget(name: "ArrowIPCTests", dependencies: ["ArrowIPC"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SnowflakeTests", dependencies: ["Warehouse", "ArrowIPC", "TestSupport", "DemoWarehouse", "SpyglassCore"]),
        .testTarget(name: "GregorianTests", dependencies: ["Gregorian"]),
        .testTarget(name: "LookMLTests", dependencies: ["LookML"]),
        .testTarget(name: "LiquidTests", dependencies: ["Liquid"]),
        .testTarget(name: "SemanticModelTests", dependencies: ["SemanticModel"]),
        .testTarget(name: "QueryEngineTests", dependencies: ["QueryEngine", "Warehouse", "TestSupport"]),
        .testTarget(name: "WarehouseTests", dependencies: ["Warehouse", "TestSupport"]),
        .testTarget(name: "PresentationTests", dependencies: ["Presentation"]),
        .testTarget(name: "DemoWarehouseTests", dependencies: ["DemoWarehouse", "SpyglassCore", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "Warehouse"]),
        .testTarget(name: "ReportTests", dependencies: ["SpyglassCore", "Presentation", "TestSupport"]),
        .testTarget(name: "HardeningTests", dependencies: ["SpyglassCore", "QueryEngine", "SemanticModel", "Warehouse", "TestSupport"]),
        .testTarget(name: "AccessTests", dependencies: ["SpyglassCore", "QueryEngine", "SemanticModel", "Presentation", "Warehouse", "TestSupport"]),
    ]
)

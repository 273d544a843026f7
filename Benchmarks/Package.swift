// swift-tools-version: 6.1
import PackageDescription

// A nested package, so package-benchmark's plugin and allocator stay out of the main build.
let package = Package(
    name: "VietSearchBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, because a path dependency is otherwise known by its folder name, which differs
        // between clones.
        .package(name: "VietSearch", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "VietnameseCorpus"),
        .executableTarget(
            name: "analyzer-throughput",
            dependencies: [
                "VietnameseCorpus",
                .product(name: "VietnameseText", package: "VietSearch"),
                .product(name: "VietSearchSQLite", package: "VietSearch"),
            ]
        ),
        .executableTarget(
            name: "insert-throughput",
            dependencies: ["VietnameseCorpus", .product(name: "VietSearchSQLite", package: "VietSearch")]
        ),
        .executableTarget(name: "generate-corpus", dependencies: ["VietnameseCorpus"]),
        .executableTarget(
            name: "ranking-eval",
            dependencies: [
                "VietnameseCorpus", .product(name: "VietSearch", package: "VietSearch"),
                .product(name: "VietSearchSQLite", package: "VietSearch"), .product(name: "VietnameseText", package: "VietSearch"),
            ]
        ),
        .executableTarget(
            name: "ranking-exactness",
            dependencies: [
                "VietnameseCorpus", .product(name: "VietSearch", package: "VietSearch"),
                .product(name: "VietSearchSQLite", package: "VietSearch"), .product(name: "VietnameseText", package: "VietSearch"),
            ]
        ),
        .executableTarget(
            name: "abbreviation-recall",
            dependencies: [
                "VietnameseCorpus", .product(name: "VietSearch", package: "VietSearch"),
                .product(name: "VietnameseText", package: "VietSearch"),
            ]
        ),
        .executableTarget(
            name: "query-latency",
            dependencies: [
                "VietnameseCorpus", .product(name: "VietSearch", package: "VietSearch"),
                .product(name: "VietSearchSQLite", package: "VietSearch"), .product(name: "VietnameseText", package: "VietSearch"),
            ]
        ),
        .testTarget(
            name: "VietnameseCorpusTests",
            dependencies: ["VietnameseCorpus", .product(name: "VietnameseText", package: "VietSearch")]
        ),
        .executableTarget(
            name: "AnalyzerBenchmarks",
            dependencies: [
                "VietnameseCorpus",
                .product(name: "VietnameseText", package: "VietSearch"),
                .product(name: "VietSearchSQLite", package: "VietSearch"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/AnalyzerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "IndexingBenchmarks",
            dependencies: [
                "VietnameseCorpus",
                .product(name: "VietSearch", package: "VietSearch"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/IndexingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

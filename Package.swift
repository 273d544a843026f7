// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way: vnsearch → VietSearchServer → VietSearch → VietSearchSQLite →
// CSQLite, and each of them → VietnameseText, which depends on nothing. VietSearchSQLite is the
// SQLite wrapper and the `vietnamese` tokenizer, the only Swift module importing CSQLite (besides
// the extension's entry point); ranking and statistics live in VietSearch, reaching FTS5 through
// that wrapper. Only VietSearchServer imports Hummingbird: the library stays free of the web stack.
let package = Package(
    name: "VietSearch",
    products: [
        .library(name: "VietnameseText", targets: ["VietnameseText"]),
        .library(name: "VietSearchSQLite", targets: ["VietSearchSQLite"]),
        .library(name: "VietSearch", targets: ["VietSearch"]),
        .executable(name: "vnsearch", targets: ["vnsearch"]),
        // The loadable SQLite extension (`.load`); see Sources/VietSearchExtension.
        .library(name: "VietSearchExtension", type: .dynamic, targets: ["VietSearchExtension"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Reads `.docx` (a ZIP of XML parts).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // `vnsearch serve`. Without its default traits: swift-configuration is not needed, and
        // not building it keeps CI's from-scratch build shorter.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .target(name: "VietnameseText"),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "VietSearchSQLite", dependencies: ["CSQLite", "VietnameseText"]),
        .target(
            name: "VietSearch",
            dependencies: ["VietSearchSQLite", "VietnameseText", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(name: "VietSearchExtension", dependencies: ["VietSearchSQLite", "CSQLite"]),
        .target(
            name: "VietSearchServer",
            dependencies: [
                "VietSearch", "VietnameseText", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "vnsearch",
            dependencies: [
                "VietnameseText",
                "VietSearch",
                "VietSearchServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Where the tests find their data: the repository's fixtures and the shared corpus.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "VietnameseTextTests",
            dependencies: [
                "VietnameseText",
                "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "VietSearchTests",
            dependencies: [
                "VietSearch",
                "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "VietnameseText",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "vnsearchTests",
            // Depends on the executable so the tests can run the real binary.
            dependencies: ["vnsearch", "TestSupport"]
        ),
        .testTarget(
            name: "VietSearchSQLiteTests",
            dependencies: ["VietSearchSQLite", "VietnameseText"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

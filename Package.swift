// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way: vnsearch → VietSearchSQLite → CSQLite, and VietSearchSQLite →
// VietnameseText. VietnameseText depends on nothing.
let package = Package(
    name: "VietSearch",
    products: [
        .library(name: "VietnameseText", targets: ["VietnameseText"]),
        .library(name: "VietSearchSQLite", targets: ["VietSearchSQLite"]),
        .executable(name: "vnsearch", targets: ["vnsearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(name: "VietnameseText"),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "VietSearchSQLite", dependencies: ["CSQLite", "VietnameseText"]),
        .executableTarget(
            name: "vnsearch",
            dependencies: [
                "VietnameseText",
                "VietSearchSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "VietnameseTextTests",
            dependencies: [
                "VietnameseText",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "VietSearchSQLiteTests",
            dependencies: ["VietSearchSQLite", "VietnameseText"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

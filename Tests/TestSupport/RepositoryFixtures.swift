import Foundation

/// Test inputs kept in the repository, under `Tests/Fixtures` (written by
/// `Tools/make-legacy-fixtures.py`): what the default `swift test` reads instead of the shared
/// corpus.
public enum RepositoryFixtures {
    /// The checkout this file was compiled from.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // RepositoryFixtures.swift, TestSupport, Tests
        return url
    }()

    public static let root = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    public static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relativePath)))
    }

    public static func text(_ relativePath: String) throws -> String {
        String(decoding: try bytes(relativePath), as: UTF8.self)
    }
}

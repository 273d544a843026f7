import Foundation
import Testing

/// The project's shared test corpus (news, Wikipedia, QA passages, legacy TCVN3/VNI documents),
/// which lives outside the repository and is never copied into it. Every test that reads it
/// finds it here, and is marked `.sharedCorpus`.
///
/// Where: `$VIETSEARCH_CORPUS` when set, else `shared/corpus` beside the checkout (`../shared`).
/// Setting the variable (CI does, in `.ci/run`) makes the corpus tests required: they run, and
/// fail when the corpus is missing. Without it they run when the corpus is beside the checkout and
/// are skipped, with the reason, when it is not (a user's clone).
public enum SharedCorpus {
    public static let variable = "VIETSEARCH_CORPUS"

    /// The path set in `VIETSEARCH_CORPUS`, if any.
    public static let requiredPath: String? = {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { return nil }
        return value
    }()

    /// The corpus folder (the one holding `legacy/`, `vinews-baomoi.jsonl.gz`, ...).
    public static let root: URL = {
        if let requiredPath { return URL(fileURLWithPath: requiredPath).standardizedFileURL }
        return RepositoryFixtures.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }()

    public static var isRequired: Bool { requiredPath != nil }

    public static var isPresent: Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// Whether the corpus tests run: the corpus is there, or it is required (and its absence is
    /// then a failure).
    public static var testsRun: Bool { isRequired || isPresent }

    public static var skipReason: String {
        "the shared corpus is not at \(root.path); set \(variable)=/path/to/shared/corpus to run these tests "
            + "(CI sets it, and they fail there without it)"
    }

    /// What a required corpus's absence says.
    public static var missingMessage: String {
        "the shared corpus is missing at \(root.path), and \(variable) is set, so the corpus tests are required"
    }

    public static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }
}

extension Trait where Self == ConditionTrait {
    /// A test that reads the shared corpus: skipped, with the reason, where it is absent and not
    /// required (see `SharedCorpus`).
    public static var sharedCorpus: Self {
        .enabled(if: SharedCorpus.testsRun, Comment(rawValue: SharedCorpus.skipReason))
    }
}

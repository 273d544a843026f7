import ArgumentParser
import Foundation
import VietSearch

extension VNSearchCommand {
    /// `vnsearch demo`: the whole tool on the sample folder, in one command.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Index the bundled sample documents and run a few searches.",
            discussion: """
                Indexes Samples/documents (Vietnamese texts written for this project, stored as \
                UTF-8, NFD, Windows-1258, UTF-16, a BOM file with CRLF, Markdown, HTML and a TCVN3 RTF) into a \
                temporary index, then searches it with and without diacritics.
                """
        )

        @Option(help: "The sample folder.", completion: .directory)
        var folder: String?

        static let searches: [(String, Bool, String)] = [
            ("xay dung dang", false, "no diacritics: finds Xây dựng Đảng"),
            ("đảng", false, "with diacritics: the exact form ranks first"),
            ("hoa binh", false, "finds hoà bình (NFD file) and Hoà Bình"),
            ("hòa bình", true, "--exact, other tone placement: still finds hoà bình"),
            ("ky thuat", false, "Windows-1258 file: kĩ thuật"),
            ("kỹ thuật", true, "--exact with the other i/y spelling"),
            ("suc khoe", false, "UTF-16 file: sức khoẻ"),
            ("\"31/8/2016\"", false, "a date as a phrase"),
            ("chuyen doi so", false, "an HTML page: visible text only"),
            ("trường trung học", false, "an RTF from 1999 in TCVN3 (.VnTime font), decoded"),
            ("nuoc -lua", false, "nước, but not in documents with lúa"),
            ("\"hoa binh\" OR \"bong da\"", false, "either phrase"),
            ("bac si khuyen nen uong du nuoc vao mua he", false, "a question without diacritics: its accents restored"),
        ]

        func run() throws {
            guard let samples = folder ?? Self.findSamples() else {
                throw ValidationError("cannot find Samples/documents: run from the repository root, or pass --folder")
            }
            let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("vnsearch-demo-\(getpid())")
            try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: workspace) }
            let path = workspace.appendingPathComponent("demo.db").path

            print(Terminal.bold("$ vnsearch index \(samples) --db \(path)"))
            let index = try SearchIndex(path: path, mode: .readWrite)
            let report = try FolderIndexer(index: index).run(folders: [samples])
            print(
                "added \(report.added) documents; encodings: "
                    + report.encodings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n")
            for (query, exact, note) in Self.searches {
                print(Terminal.bold("$ vnsearch search '\(query)'\(exact ? " --exact" : "")") + "   " + Terminal.dim("# \(note)"))
                let results = try index.search(
                    query,
                    options: SearchOptions(limit: 3, exact: exact, highlightStart: Search.start, highlightEnd: Search.end, snippetWords: 14))
                print(Search.text(results))
            }
        }

        /// Samples/documents under the working directory or above it, else next to the sources.
        static func findSamples() -> String? {
            var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("Samples/documents")
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
                directory.deleteLastPathComponent()
            }
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples/documents")
            return FileManager.default.fileExists(atPath: source.path) ? source.path : nil
        }
    }
}

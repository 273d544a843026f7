import ArgumentParser

@main
struct VNSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vnsearch",
        abstract: "Full-text search for Vietnamese documents, with or without diacritics.",
        discussion: """
            Vietnamese is searched the way people type it: `dang` finds Đảng, đang and đáng; \
            `hoà` and `hòa` are the same word; `kỹ` and `kĩ` are the same word.
            """,
        version: "0.1.0",
        subcommands: [Index.self, Search.self, Abbreviations.self, Stats.self, Optimize.self, Serve.self, Watch.self, Tokenize.self, Demo.self]
    )
}

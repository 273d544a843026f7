import ArgumentParser
import Foundation
import VietSearch
import VietnameseText

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

    /// ArgumentParser's `main`, with the output checked: a command whose output could not be
    /// written fails (see `StandardOutput`), and error messages are escaped for the terminal.
    static func main() async {
        StandardOutput.guardClosedDescriptors()
        if CommandLine.arguments.dropFirst().first == "search" {
            // A search reads the built-in abbreviations before anything else it does with the
            // query, and building them takes as long as a tenth of a search process: they are
            // built on another core while the arguments are parsed and the index opened.
            Thread.detachNewThread { _ = AbbreviationDictionary.builtin }
        }
        do {
            var command = try parseAsRoot()
            // `serve` and `watch` run asynchronously; a synchronous `run()` of theirs prints help.
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            try StandardOutput.finish()
        } catch let error as VietSearchError {
            fail(error.description)
        } catch let error as StandardOutput.WriteFailure {
            fail(error.description)
        } catch {
            // ArgumentParser's messages (help, usage errors), printed here so that help written
            // nowhere fails too; each line escaped, since they quote what was typed.
            let message = fullMessage(for: error)
            let code = exitCode(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                do { try StandardOutput.finish() } catch { fail(error.description) }
            } else if !message.isEmpty {
                Terminal.errorLines(message)
            }
            Foundation.exit(code.rawValue)
        }
    }

    private static func fail(_ message: String) -> Never {
        try? StandardOutput.finish()
        Terminal.error("Error: " + message)
        Foundation.exit(EXIT_FAILURE)
    }
}

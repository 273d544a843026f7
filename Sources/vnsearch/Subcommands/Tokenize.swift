import ArgumentParser
import VietSearch
import VietnameseText

extension VNSearchCommand {
    /// `vnsearch tokenize`: the analyzer's view of a text, for whoever debugs matching.
    struct Tokenize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how text is split into tokens and which keys are indexed.",
            discussion: """
                Each token shows its position, its byte range in the UTF-8 input, the folded key \
                (what an unaccented query matches: lowercase, no tones or marks, đ → d) and the \
                accent key (lowercase NFC with the tone in its canonical place: hoà → hòa).

                Examples:
                  vnsearch tokenize "Xây dựng Đảng"
                  echo "thuỷ điện" | vnsearch tokenize --json
                """
        )

        /// Taken as typed even when it begins with "-" (see `Search.words`).
        @Argument(
            parsing: .allUnrecognized,
            help: ArgumentHelp("The text to analyse (several arguments: joined by spaces). Reads standard input when omitted.", valueName: "text"))
        var words: [String] = []

        var text: String? { words.isEmpty ? nil : words.joined(separator: " ") }

        @Flag(help: "Print JSON: {\"tokens\": [{\"position\", \"start\", \"end\", \"text\", \"folded\", \"accent\"}]}.")
        var json = false

        func run() throws {
            let input = text ?? readStandardInput()
            let tokens = VietnameseAnalyzer().tokens(in: input)
            let utf8 = Array(input.utf8)
            func slice(_ token: Token) -> String { String(decoding: utf8[token.byteRange], as: UTF8.self) }
            if json {
                let items = tokens.map { token in
                    JSONOutput.object([
                        ("position", .number(token.position)),
                        ("start", .number(token.byteRange.lowerBound)),
                        ("end", .number(token.byteRange.upperBound)),
                        ("text", .string(slice(token))),
                        ("folded", .string(token.folded)),
                        ("accent", .string(token.accent)),
                    ])
                }
                print(JSONOutput.object([("tokens", .array(items))]).rendered)
            } else {
                for token in tokens {
                    print(
                        "\(token.position)\t\(token.byteRange.lowerBound)..<\(token.byteRange.upperBound)\t"
                            + Terminal.escaped("\(slice(token))") + "\t" + Terminal.escaped(token.folded) + "\t" + Terminal.escaped(token.accent))
                }
            }
        }

        private func readStandardInput() -> String {
            var lines: [String] = []
            while let line = readLine(strippingNewline: false) { lines.append(line) }
            return lines.joined()
        }
    }
}

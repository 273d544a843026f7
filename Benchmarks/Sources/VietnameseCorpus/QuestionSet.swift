import Foundation

/// The ViNewsQA questions (`vinewsqa-qa-dev.jsonl.gz`): each question and the id of the passage
/// that answers it, for latency and ranking measurements.
public struct QuestionSet: Sendable {
    public struct Question: Sendable, Decodable {
        public let question: String
        public let answerDocumentID: String

        enum CodingKeys: String, CodingKey {
            case question
            case answerDocumentID = "answer_doc_id"
        }
    }

    public var questions: [Question]

    /// Loads a `.jsonl` or `.jsonl.gz` file of `{"question", "answer_doc_id", …}` lines.
    public static func load(path: String) throws -> QuestionSet {
        let data = path.hasSuffix(".gz") ? try CorpusLoader.decompress(path) : try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        let questions = try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Question.self, from: Data($0)) }
        return QuestionSet(questions: questions)
    }

    /// Every `step`-th question.
    public func every(_ step: Int) -> [Question] {
        stride(from: 0, to: questions.count, by: max(1, step)).map { questions[$0] }
    }

    /// The text as many users type it: every combining mark removed (after NFD), đ → d.
    public static func withoutDiacritics(_ text: String) -> String {
        let scalars = text.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }
        return String(String.UnicodeScalarView(scalars)).replacingOccurrences(of: "đ", with: "d")
            .replacingOccurrences(of: "Đ", with: "D")
    }
}

/// Words that carry no topic, written once here (not learned from any collection): a row that
/// has only them does not match a query that has other words, and question words score as words
/// in half of the documents. What else counts as common comes from the index itself
/// (`TermStatistics.commonShare`).
///
/// Accent keys (`VietnameseAnalyzer`'s `accent`), so they apply to words typed with accents, or
/// restored: a word typed without them may be another word (`dau` is also `đầu`, head).
enum FunctionWords {
    /// Words that ask, in a question (more than four words): the answer stands in their place,
    /// so the passage that answers rarely has them (`Người thực hành là ai?`).
    static let questionWords: Set<String> = ["ai", "gì", "nào", "đâu", "mấy"]

    /// Runs of words that ask together; each word alone may mean something else (`sao`, star).
    static let questionPhrases: [[String]] = [
        ["bao", "nhiêu"], ["bao", "giờ"], ["bao", "lâu"], ["khi", "nào"], ["lúc", "nào"], ["tại", "sao"], ["vì", "sao"],
        ["làm", "sao"], ["ra", "sao"], ["thế", "nào"], ["như", "thế", "nào"],
    ]

    /// Grammatical words (copula, possession, conjunctions, classifiers and plural markers,
    /// tense and aspect, prepositions): in most texts of any kind, and topic only with others.
    static let grammatical: Set<String> = [
        "là", "của", "và", "có", "các", "những", "được", "cho", "với", "thì", "mà", "này", "đó", "không", "bị", "về",
        "từ", "trong", "một", "đã", "đang", "sẽ", "cũng", "như", "để", "khi", "lại", "vào", "nên", "vì", "nếu", "hay",
        "hoặc", "theo", "tại", "đến", "thế", "rằng", "nhưng", "còn", "do", "ở",
    ]

    /// Per word (its accent key, nil for a word of several tokens), whether it asks: a question
    /// word, or part of a run of them.
    static func asking(_ words: [String?]) -> [Bool] {
        var asking = words.map { $0.map(questionWords.contains) ?? false }
        for phrase in questionPhrases where phrase.count <= words.count {
            for start in 0...(words.count - phrase.count) where (0..<phrase.count).allSatisfy({ words[start + $0] == phrase[$0] }) {
                for offset in 0..<phrase.count { asking[start + offset] = true }
            }
        }
        return asking
    }
}

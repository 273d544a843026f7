import VietSearchSQLite
import VietnameseText

/// Adds to a query the other side of each abbreviation it holds: `UBND` is searched as
/// `UBND OR "ủy ban nhân dân"`, and `ủy ban nhân dân` as `"ủy ban nhân dân" OR UBND`, from the
/// built-in dictionary, the user's, and the definitions the index's documents make. The words
/// typed stay the literal form; what is added scores a little below it (`addedAlternatives`,
/// `VietnameseRankingPlan.expansionWeight`).
///
/// An abbreviation that is also a syllable (`CA`, `TA`) expands only when typed in capitals; an
/// expansion matches when the words typed with marks have the expansion's marks. Only what the
/// index has is added (every token of it), so the query is not made longer for nothing.
///
/// In a question (more than four words, after the expansions' words are each made one phrase),
/// only abbreviations typed expand, not expansions: an expansion's words would become one
/// phrase, and the planner weighs a phrase as its rarest word, without the adjacency its words
/// earn apart, and expanding `bệnh viện`, `bác sĩ`, `Việt Nam` in questions lost recall
/// (docs/ENGINE.md). A query that is an expansion (`Thành phố Hồ Chí Minh`,
/// five words) is no question.
struct AbbreviationExpander {
    let planner: QueryPlanner
    let dictionary: AbbreviationDictionary
    let terms: TermStatisticsReader
    /// The definitions the documents make that a query word's folded key may begin, as a
    /// dictionary (nil: the index keeps none).
    let learned: ((String) throws -> AbbreviationDictionary)?

    /// A run of the query's plain words, one clause each.
    private struct Word {
        var clause: Int
        var text: String
        var tokens: [Token]
    }

    func expand(_ query: SearchQuery) throws -> (query: SearchQuery, rewrites: [QueryRewrite]) {
        let runs = runs(of: query)
        // The documents' definitions that a query word may begin, a dictionary per word (adding
        // them to the large one would copy it at every search), read once for both passes below.
        // A definition two words begin is in both; what it adds is added once (`add`).
        var dictionaries = [dictionary]
        if let learned {
            var seen = Set<String>()
            for word in runs.joined() where !word.tokens.isEmpty && seen.insert(word.tokens[0].folded).inserted {
                let learnedHere = try learned(word.tokens[0].folded)
                if !learnedHere.entries.isEmpty { dictionaries.append(learnedHere) }
            }
        }
        let expanded = try expand(query, runs: runs, dictionaries, expansions: true)
        guard expanded.query.positiveClauses.count > planner.weights.strictTierMaxWords else { return expanded }
        return try expand(query, runs: runs, dictionaries, expansions: false)
    }

    /// The query's runs of plain words (a word that is not excluded, not a prefix and has no
    /// alternatives), each word with its clause.
    private func runs(of query: SearchQuery) -> [[Word]] {
        var runs: [[Word]] = [[]]
        for (index, clause) in query.clauses.enumerated() {
            if !clause.isExcluded, clause.alternatives.count == 1, case .word(let text, let prefix) = clause.alternatives[0], !prefix {
                // A word of punctuation alone (the dash of `Bà Rịa - Vũng Tàu`) is part of the run.
                runs[runs.count - 1].append(Word(clause: index, text: text, tokens: planner.tokens(of: clause.alternatives[0])))
                continue
            }
            if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        return runs
    }

    private func expand(
        _ query: SearchQuery, runs: [[Word]], _ dictionaries: [AbbreviationDictionary], expansions expandsExpansions: Bool
    ) throws -> (query: SearchQuery, rewrites: [QueryRewrite]) {
        var expanded = query
        var rewrites: [QueryRewrite] = []
        var removed: [Int] = []
        for run in runs where !run.isEmpty {
            var start = 0
            while start < run.count {
                guard let (end, added) = try longestMatch(in: run, from: start, dictionaries, expansions: expandsExpansions) else {
                    start += 1
                    continue
                }
                let span = Self.withoutOuterPunctuation(run[start...end].map(\.text))
                let literal: SearchQuery.Term = span.count == 1 ? .word(span[0], prefix: false) : .phrase(span.joined(separator: " "))
                let clause = SearchQuery.Clause(alternatives: [literal] + added, addedAlternatives: added.count)
                expanded.clauses[run[start].clause] = clause
                removed += run[(start + 1)..<(end + 1)].map(\.clause)
                rewrites.append(
                    QueryRewrite(
                        kind: .abbreviation, from: span.joined(separator: " "),
                        to: SearchQuery(clauses: [clause]).written))
                start = end + 1
            }
        }
        for index in removed.sorted(by: >) { expanded.clauses.remove(at: index) }
        return (expanded, rewrites)
    }

    /// The words of a span as typed, without the punctuation the sentence put before its first
    /// word and after its last (`TP HCM?`): the same tokens, shown without it.
    static func withoutOuterPunctuation(_ words: [String]) -> [String] {
        var words = words
        if let first = words.first, let start = first.firstIndex(where: { !$0.isPunctuation }) { words[0] = String(first[start...]) }
        if let last = words.last, let end = last.lastIndex(where: { !$0.isPunctuation }) { words[words.count - 1] = String(last[...end]) }
        return words
    }

    /// The longest span from `start` that is an abbreviation or an expansion, and what to add
    /// for it (nil: none, or nothing the index has).
    private func longestMatch(in run: [Word], from start: Int, _ dictionaries: [AbbreviationDictionary], expansions: Bool) throws
        -> (Int, [SearchQuery.Term])?
    {
        guard !run[start].tokens.isEmpty else { return nil }
        var tokens: [Token] = []
        var spans: [(end: Int, tokens: [Token], key: String)] = []
        for end in start..<run.count {
            tokens += run[end].tokens
            guard !run[end].tokens.isEmpty else { continue }
            let key = tokens.map(\.folded).joined(separator: " ")
            // No key starts so: none starts with a longer span either.
            guard dictionaries.contains(where: { $0.hasKey(startingWith: key) }) else { break }
            spans.append((end, tokens, key))
        }
        for (end, tokens, key) in spans.reversed() {
            var added: [SearchQuery.Term] = []
            var keys: Set<String> = [key]
            let abbreviated = dictionaries.flatMap { $0.entries(abbreviatedAs: key) }
            if !abbreviated.isEmpty, isAbbreviation(run[start...end].map(\.text).joined(separator: " "), key: key) {
                for entry in abbreviated where try abbreviationAgrees(tokens, entry.abbreviation) {
                    try add(entry.expansion, to: &added, keys: &keys)
                    // The other spellings of the same abbreviation: TPHCM for TP.HCM.
                    let expansionKey = AbbreviationDictionary.key(entry.expansion)?.text ?? ""
                    for other in dictionaries {
                        for sibling in other.entries(expandingTo: expansionKey) { try add(sibling.abbreviation, to: &added, keys: &keys) }
                    }
                }
            }
            for dictionary in dictionaries where expansions {
                for entry in dictionary.entries(expandingTo: key) where marksAgree(tokens, entry.expansion) {
                    try add(entry.abbreviation, to: &added, keys: &keys)
                }
            }
            if !added.isEmpty { return (end, added) }
        }
        return nil
    }

    /// Adds `text` as a term unless its key is there already or the index lacks one of its
    /// tokens.
    private func add(_ text: String, to terms: inout [SearchQuery.Term], keys: inout Set<String>) throws {
        let tokens = planner.analyzer.tokens(in: text)
        let key = tokens.map(\.folded).joined(separator: " ")
        guard !tokens.isEmpty, !keys.contains(key) else { return }
        for token in tokens where try self.terms.entry(token.folded) == nil { return }
        keys.insert(key)
        terms.append(tokens.count == 1 ? .word(text, prefix: false) : .phrase(text))
    }

    /// A one-token key that is also a syllable (`ca`, `ta`) is an abbreviation only in capitals.
    private func isAbbreviation(_ typed: String, key: String) -> Bool {
        guard !key.contains(" "), SyllableSpelling.isValidFolded(key) else { return true }
        let letters = typed.filter(\.isLetter)
        return letters.count >= 2 && letters.allSatisfy(\.isUppercase)
    }

    /// An abbreviation typed with marks must have the entry's (`ĐNA` is not `DNA`); typed without
    /// them, it may stand for one with marks (`HDND` for `HĐND`) unless the index has it as
    /// typed (`DNA` is its own word, not `ĐNA` = Đông Nam Á).
    private func abbreviationAgrees(_ typed: [Token], _ abbreviation: String) throws -> Bool {
        let meant = planner.analyzer.tokens(in: abbreviation)
        guard meant.count == typed.count else { return true }
        for (typedToken, meantToken) in zip(typed, meant) where typedToken.accent != meantToken.accent {
            if try typedToken.hasDiacritics || terms.documents(typedToken.folded, form: "") > 0 { return false }
        }
        return true
    }

    /// Words typed with marks must have the expansion's (`ủy ban` is not `ùy bán`).
    private func marksAgree(_ typed: [Token], _ expansion: String) -> Bool {
        let meant = planner.analyzer.tokens(in: expansion)
        return meant.count == typed.count && zip(typed, meant).allSatisfy { !$0.hasDiacritics || $0.accent == $1.accent }
    }
}

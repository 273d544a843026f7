import Foundation
import VietSearchSQLite
import VietnameseText

/// Turns a `SearchQuery` into FTS5 MATCH expressions for a table tokenized with
/// `vietnamese accent 2` (keyed terms `folded:accent`), each with the `VietnameseRankingPlan`
/// that scores its rows.
///
/// User text never reaches an expression: only analyzer keys (letters and digits) inside double
/// quotes, joined by operators written here. So no input can produce an FTS5 syntax error or
/// inject syntax.
///
/// Each positive clause is one query *word* for ranking. A word typed without accents matches
/// every accent form: its real forms as an OR of exact terms when it is common (FTS5 walks those
/// doclists lazily, where a prefix query builds the whole merged doclist first), else the variant
/// prefix `"dang\u{2}"*` (one doclist, short). A word typed with accents matches every form too,
/// and its typed form is a second, separately weighted term.
struct QueryPlanner {
    struct Plan {
        /// Documents with every required word; nil for one-word queries (the candidates are
        /// exactly those).
        var allWords: Ranked?
        /// The documents to rank: those with at least one *essential* (rare) word, or with every
        /// word when there is no statistics; the other words only add to their scores.
        var candidates: Ranked
        /// The same documents as `candidates`, cheaper to count (no scoring part).
        var countExpression: String
        /// Keyword queries typed with accents: the documents with every required word, each in
        /// the form typed. They outrank every other document (the exact-forms tier), so when
        /// there are enough of them, they are the only rows to score.
        var exactForms: Ranked?
        /// Marks the query's words in snippets.
        var snippets: SnippetBuilder
    }

    struct Ranked {
        var expression: String
        var ranking: VietnameseRankingPlan
    }

    let analyzer: VietnameseAnalyzer
    /// Byte that asks the tokenizer for a variant prefix (see `VietnameseTokenizerOptions`).
    let variantMarker: Character

    /// Weights, chosen on the ViNewsQA dev questions (docs/ENGINE.md has the measurements).
    struct Weights {
        /// Share of a typed word's score that needs the form typed.
        var exactShare = 0.7
        /// Weight of two query words next to each other in the text, relative to their mean IDF:
        /// Vietnamese words are mostly two syllables, and the pair says which word they mean.
        var adjacency = 3.0
        /// Queries of at most this many words are keyword searches: documents with every word
        /// come first (and among them, with every word in the form typed). Longer queries are
        /// questions, ranked by score alone: a question's answer often lacks one of its words, so
        /// a strict all-words tier buries it.
        var strictTierMaxWords = 4
        var tierBonus = 1000.0
        /// Candidates come from essential words whose documents add up to at most this share:
        /// fewer candidates to score at the same recall; the rarest word alone would be faster
        /// still but loses answers.
        var candidateShare = 0.02
    }
    var weights = Weights()

    /// One positive clause, ready to be written.
    private struct Word {
        var clause: SearchQuery.Clause
        var tokens: [[Token]]  // per alternative
        var accented: Bool
        /// Documents containing the word in any form / in the typed form (Int.max: unknown).
        var frequency: Int
        var exactFrequency: Int
        /// Scored in the typed form alone: a common word of a question typed with accents.
        var typedOnly = false

        /// Documents the word picks as a candidate: in the form typed when accented.
        var candidateFrequency: Int { accented ? exactFrequency : frequency }
    }

    /// The plan, or nil when the query has no searchable token (only punctuation, say).
    func plan(for query: SearchQuery, exact: Bool, statistics: TermStatistics?) -> Plan? {
        let typed = !exact && isTypedWithAccents(query)
        var words = queryWords(query, exact: exact, typed: typed, statistics: statistics)
        guard !words.isEmpty else { return nil }
        let total = Double(max(statistics?.documentCount ?? 1, 1))
        if statistics != nil, words.count > weights.strictTierMaxWords {
            scoreCommonWordsInTypedForm(&words, total: total)
        }
        let required = requiredWords(words, statistics: statistics, total: total)
        let writer = PlanWriter(
            planner: self, query: query, exact: exact, typed: typed, statistics: statistics, total: total, words: words,
            required: required, essential: essentialWords(words, required: required, statistics: statistics, total: total))
        let candidates = writer.candidates()
        return Plan(
            allWords: writer.allWords(), candidates: candidates.ranked, countExpression: candidates.count,
            exactForms: writer.exactForms(), snippets: writer.snippets())
    }

    /// Someone who typed accents anywhere typed every word as meant: an unaccented word in such a
    /// query asks for its unaccented form ("vỏ nho": grapes, not "nhỏ").
    private func isTypedWithAccents(_ query: SearchQuery) -> Bool {
        query.positiveClauses.contains { clause in
            clause.typedAlternatives.contains { tokens(of: $0).contains(where: \.hasDiacritics) }
        }
    }

    /// The positive clauses that have searchable tokens, in query order, with their frequencies.
    private func queryWords(_ query: SearchQuery, exact: Bool, typed: Bool, statistics: TermStatistics?) -> [Word] {
        query.positiveClauses.compactMap { clause in
            let alternatives = clause.alternatives.map { self.tokens(of: $0) }.filter { !$0.isEmpty }
            guard !alternatives.isEmpty else { return nil }
            var word = Word(
                clause: clause, tokens: alternatives, accented: typed,
                frequency: frequency(of: alternatives, statistics, typed: exact),
                exactFrequency: frequency(of: alternatives, statistics, typed: true))
            // A typed form the index lacks (a typo in the accents) says nothing: rank by the word.
            if word.accented && word.exactFrequency == 0 { word.accented = false }
            return word
        }
    }

    /// Marks the words of a question that score in their typed form alone.
    private func scoreCommonWordsInTypedForm(_ words: inout [Word], total: Double) {
        // In a question typed with accents, a common word's other forms ("co", "cô", "cơ"…
        // for "có") add little to a score but a doclist each to walk at every candidate
        // (docs/ENGINE.md, "Query planning").
        // Keyword queries keep every form: "đảng" must still find "đang", ranked lower.
        for index in words.indices
        where words[index].accented && words[index].tokens.count == 1 && words[index].tokens[0].count == 1
            && Double(words[index].frequency) > TermStatistics.essentialShare * total
        {
            words[index].typedOnly = true
        }
    }

    /// Indices of the words a document needs to have every word (at least one: the rarest).
    private func requiredWords(_ words: [Word], statistics: TermStatistics?, total: Double) -> [Int] {
        // Very common words ("có", "là", "của"; unaccented "dung", in more than half of the
        // documents in some form) are not required and never pick candidates, but they still
        // score, mostly through adjacency: "xay dung dang".
        let required = words.indices.filter {
            statistics == nil || Double(words[$0].candidateFrequency) <= TermStatistics.commonShare * total
        }
        guard required.isEmpty else { return required }
        return [words.indices.min { words[$0].candidateFrequency < words[$1].candidateFrequency }!]
    }

    /// Indices of the words that pick the candidates: the rare required words, else the two
    /// rarest words the index has.
    private func essentialWords(_ words: [Word], required: [Int], statistics: TermStatistics?, total: Double) -> [Int] {
        func rarestFirst(_ indices: [Int]) -> [Int] {
            indices.sorted { words[$0].candidateFrequency < words[$1].candidateFrequency }
        }
        // A word the index lacks finds nothing: it must not be the only one to pick candidates.
        let present = required.filter { words[$0].candidateFrequency > 0 }
        var essential = present.filter {
            statistics == nil || Double(words[$0].candidateFrequency) <= TermStatistics.essentialShare * total
        }
        if essential.isEmpty {
            essential = Array(rarestFirst(present).prefix(2))
        }
        if essential.isEmpty {
            // Every required word is missing: the common words are all there is.
            essential = Array(rarestFirst(words.indices.filter { words[$0].candidateFrequency > 0 }).prefix(2))
        }
        if essential.isEmpty { essential = [required[0]] }
        return essential.count > 2 ? rarestWithinCandidateShare(rarestFirst(essential), words, total: total) : essential
    }

    /// The rarest essential words, the two rarest at least, while their documents add up to at
    /// most `candidateShare` of the index: the answer is almost always among them, and fewer
    /// candidates are scored (docs/ENGINE.md, "Ranking"). `essential`: rarest first.
    private func rarestWithinCandidateShare(_ essential: [Int], _ words: [Word], total: Double) -> [Int] {
        var kept: [Int] = []
        var sum = 0.0
        for index in essential
        where kept.count < 2 || sum + Double(words[index].candidateFrequency) <= weights.candidateShare * total {
            kept.append(index)
            sum += Double(words[index].candidateFrequency)
        }
        return kept
    }

    /// Writes the parts of one plan from its words and their roles: `required` (indices of the
    /// words a document needs to have every word) and `essential` (those that pick candidates).
    private struct PlanWriter {
        let planner: QueryPlanner
        let query: SearchQuery
        let exact: Bool
        let typed: Bool
        let statistics: TermStatistics?
        let total: Double
        let words: [Word]
        let required: [Int]
        let essential: [Int]

        private var weights: Weights { planner.weights }

        /// `Plan.candidates`, and the same documents without the scoring part, to count them.
        func candidates() -> (ranked: Ranked, count: String) {
            var writer = rankingWriter()
            var expression: String
            var count: String?
            if words.indices.allSatisfy(essential.contains) {
                expression = essential.map { "(\(writer.word(words[$0], rank: $0)))" }.joined(separator: " OR ")
            } else {
                // MaxScore-like: rare words pick the candidates; the others only add to their scores,
                // evaluated at candidate rows (FTS5 seeks their doclists to those rows).
                let picks = essential.map { "(\(writer.candidate(words[$0])))" }.joined(separator: " OR ")
                let scores = everyWord(&writer)
                expression = "(\(picks)) AND (\(scores))"
                var counter = ExpressionWriter(planner: planner, statistics: statistics, exact: exact, typed: typed)
                let countPicks = essential.map { "(\(counter.candidate(words[$0])))" }.joined(separator: " OR ")
                count = counter.excluding(query, from: countPicks)
            }
            expression = writer.excluding(query, from: expression)
            return (Ranked(expression: expression, ranking: writer.ranking), count ?? expression)
        }

        /// `Plan.allWords`: nil unless more than one word is required.
        func allWords() -> Ranked? {
            guard required.count > 1 else { return nil }
            var writer = rankingWriter()
            var expression = required.map { "(\(writer.word(words[$0], rank: $0)))" }.joined(separator: " AND ")
            let optional = words.indices.filter { !required.contains($0) }
            if !optional.isEmpty {
                // Optional words score where present: OR'd with a required word in every form
                // (not scored twice), they never remove a row.
                let scores = optional.map { "(\(writer.word(words[$0], rank: $0)))" } + ["(\(writer.word(words[required[0]], rank: -1)))"]
                expression = "\(expression) AND (\(scores.joined(separator: " OR ")))"
            }
            return Ranked(expression: writer.excluding(query, from: expression), ranking: writer.ranking)
        }

        /// `Plan.exactForms`: only for keyword queries typed with accents.
        func exactForms() -> Ranked? {
            // A `prefix*` has no typed form (no exact phrase), so no document is in that tier.
            let typedPrefix = required.contains { words[$0].accented && words[$0].clause.alternatives.contains(where: \.isPrefix) }
            guard typed, !typedPrefix, words.count <= weights.strictTierMaxWords, required.contains(where: { words[$0].accented })
            else { return nil }
            // Picks as for candidates (a required word in its typed form when accented), all of
            // them; the words in every form after, so each row scores as in `candidates`.
            var writer = rankingWriter()
            let picks = required.map { "(\(writer.candidate(words[$0])))" }.joined(separator: " AND ")
            let scores = everyWord(&writer)
            return Ranked(expression: writer.excluding(query, from: "(\(picks)) AND (\(scores))"), ranking: writer.ranking)
        }

        /// Every query word in every form that scores, OR'd.
        private func everyWord(_ writer: inout ExpressionWriter) -> String {
            words.indices.map { "(\(writer.word(words[$0], rank: $0)))" }.joined(separator: " OR ")
        }

        /// `Plan.snippets`: required words are the ones a document needs; the others are optional.
        func snippets() -> SnippetBuilder {
            var requiredTerms: [[SnippetBuilder.Term]] = []
            var optionalTerms: [SnippetBuilder.Term] = []
            for index in words.indices {
                let terms = words[index].clause.alternatives.compactMap(snippetTerm)
                if required.contains(index) {
                    if !terms.isEmpty { requiredTerms.append(terms) }
                } else {
                    optionalTerms += terms
                }
            }
            return SnippetBuilder(required: requiredTerms, optional: optionalTerms, exact: exact)
        }

        private func snippetTerm(_ term: SearchQuery.Term) -> SnippetBuilder.Term? {
            let tokens = planner.tokens(of: term)
            guard !tokens.isEmpty else { return nil }
            let keys = tokens.map { Array((exact ? $0.accent : $0.folded).utf8) }
            return SnippetBuilder.Term(keys: keys, lastIsPrefix: term.isPrefix)
        }

        /// An expression writer whose ranking plan holds the query's words.
        private func rankingWriter() -> ExpressionWriter {
            var writer = ExpressionWriter(planner: planner, statistics: statistics, exact: exact, typed: typed)
            writer.ranking = rankingPlan()
            return writer
        }

        /// The ranking words, in query order (adjacency is between consecutive query words).
        private func rankingPlan() -> VietnameseRankingPlan {
            var ranking = VietnameseRankingPlan()
            ranking.words = words.indices.map(rankingWord)
            let strict = words.count <= weights.strictTierMaxWords
            ranking.allWordsBonus = strict && required.count > 1 ? weights.tierBonus : 0
            ranking.exactFormsBonus = strict ? weights.tierBonus : 0
            return ranking
        }

        private func rankingWord(_ index: Int) -> VietnameseRankingPlan.Word {
            let word = words[index]
            let idf = scoringIDF(word)
            let exactIDF = QueryPlanner.idf(word.exactFrequency, total: total)
            let share = word.accented && !word.typedOnly ? weights.exactShare : 0
            var pair = 0.0
            if index > 0, word.tokens.count == 1, words[index - 1].tokens.count == 1 {
                pair = weights.adjacency * (idf + scoringIDF(words[index - 1])) / 2
            }
            return VietnameseRankingPlan.Word(
                anyWeight: idf * (1 - share), exactWeight: exactIDF * share, pairWeight: pair,
                isRequired: required.contains(index), isAccented: word.accented, length: word.tokens[0].count)
        }

        private func scoringIDF(_ word: Word) -> Double {
            QueryPlanner.idf(word.typedOnly ? word.exactFrequency : word.frequency, total: total)
        }
    }

    /// Robertson–Spärck Jones IDF as Lucene writes it (never negative).
    static func idf(_ frequency: Int, total: Double) -> Double {
        let n = Double(min(max(frequency, 0), Int(total)))
        return log(1 + (total - n + 0.5) / (n + 0.5))
    }

    /// Documents a word stands for, estimated from the statistics (Int.max when unknown): the
    /// alternatives add up; a multi-token term is as rare as its rarest token; `typed`: tokens
    /// with accents count the documents with that form.
    private func frequency(of alternatives: [[Token]], _ statistics: TermStatistics?, typed: Bool) -> Int {
        guard let statistics else { return Int.max }
        return alternatives.reduce(0) { sum, tokens in
            let rarest = tokens.map { token in
                guard typed, let entry = statistics.entries[token.folded] else { return statistics.frequency(of: token.folded) }
                let form = token.hasDiacritics ? token.accent : ""
                return entry.variants.first { $0.form == form }?.documentFrequency ?? 0
            }.min() ?? 0
            return min(sum + rarest, statistics.documentCount)
        }
    }

    /// Analyzer tokens of a term.
    func tokens(of term: SearchQuery.Term) -> [Token] {
        switch term {
        case .word(let text, _): return analyzer.tokens(in: text)
        case .phrase(let text): return analyzer.tokens(in: text)
        }
    }

    /// Writes one expression, numbering its phrases as FTS5 will and recording each in the plan.
    private struct ExpressionWriter {
        let planner: QueryPlanner
        let statistics: TermStatistics?
        let exact: Bool
        /// The query was typed with accents: each word's typed form is a term of its own.
        let typed: Bool
        var ranking = VietnameseRankingPlan()

        /// Phrases the search added (an abbreviation's other side) are being written.
        var writingExpansion = false

        private mutating func phrase(_ parts: [String], word: Int, any: Bool, exact: Bool) -> String {
            ranking.phrases.append(
                VietnameseRankingPlan.Phrase(word: word, countsAsAny: any, countsAsExact: exact, isExpansion: writingExpansion && word >= 0))
            return parts.joined(separator: " + ")
        }

        /// The word in every form that scores (`rank` is its index in the ranking plan).
        mutating func word(_ word: Word, rank: Int) -> String {
            var parts: [String] = []
            let typedCount = word.clause.typedAlternatives.count
            for (offset, term) in word.clause.alternatives.enumerated() {
                let tokens = planner.tokens(of: term)
                guard !tokens.isEmpty else { continue }
                writingExpansion = offset >= typedCount
                defer { writingExpansion = false }
                if word.typedOnly, rank >= 0 {
                    parts.append(phrase(typedForm(tokens), word: rank, any: true, exact: true))
                } else {
                    parts += forms(term, tokens, rank: rank)
                }
            }
            return parts.joined(separator: " OR ")
        }

        /// The word as it picks candidates: the typed form of an accented word, else every form.
        /// Its phrases do not score (the same word follows in the scoring part).
        mutating func candidate(_ word: Word) -> String {
            var parts: [String] = []
            for term in word.clause.alternatives {
                let tokens = planner.tokens(of: term)
                guard !tokens.isEmpty else { continue }
                if word.accented, !term.isPrefix {
                    parts.append(phrase(typedForm(tokens), word: -1, any: false, exact: false))
                } else {
                    parts += forms(term, tokens, rank: -1)
                }
            }
            return parts.joined(separator: " OR ")
        }

        /// The tokens in the form typed (unaccented tokens: their unaccented form).
        private func typedForm(_ tokens: [Token]) -> [String] {
            tokens.map { $0.hasDiacritics ? quoted($0.accent) : quoted($0.folded) }
        }

        /// Phrases for one term: every accent form (kind any), and the typed form (kind exact).
        private mutating func forms(_ term: SearchQuery.Term, _ tokens: [Token], rank: Int) -> [String] {
            let prefix = term.isPrefix
            let scores = rank >= 0
            if exact {
                // The accent key: `ty` stays `ty` (not `ti`), `hoà` is `hòa`.
                let parts = tokens.enumerated().map { offset, token in
                    prefix && offset == tokens.count - 1 ? userPrefix(token) : quoted(token.accent)
                }
                return [phrase(parts, word: rank, any: scores, exact: false)]
            }
            var result: [String] = []
            var typedIncluded = false
            if tokens.count == 1, !prefix, let token = tokens.first, let statistics,
                let entry = statistics.entries[token.folded],
                Double(entry.documentFrequency) > TermStatistics.essentialShare * Double(statistics.documentCount)
            {
                // A common word: its real forms (mostly typos left out: each form is a phrase).
                let floor = Double(entry.documentFrequency) * TermStatistics.minimumVariantShare
                let typedKey = token.hasDiacritics ? token.accent : ""
                // The form typed stays, however rare: "nho" (grapes) among "nhỏ", "nhớ", "nhờ".
                let common = entry.variants.filter { Double($0.documentFrequency) >= floor || $0.form == typedKey }
                if !common.isEmpty, common.count <= TermStatistics.maxVariants {
                    for variant in common {
                        let isTyped = typed && variant.form == typedKey
                        typedIncluded = typedIncluded || isTyped
                        result.append(
                            phrase([quoted(variant.form.isEmpty ? token.folded : variant.form)], word: rank, any: scores, exact: scores && isTyped))
                    }
                }
            }
            if result.isEmpty {
                let parts = tokens.enumerated().map { offset, token in
                    prefix && offset == tokens.count - 1 ? userPrefix(token) : variantPrefix(token)
                }
                result.append(phrase(parts, word: rank, any: scores, exact: false))
            }
            if !typedIncluded, !prefix, typed {
                result.append(phrase(typedForm(tokens), word: rank, any: false, exact: scores))
            }
            return result
        }

        /// `(expression) NOT (excluded)` for each excluded clause; its phrases do not score.
        mutating func excluding(_ query: SearchQuery, from positive: String) -> String {
            var expression = positive
            for clause in query.excludedClauses {
                var parts: [String] = []
                for term in clause.alternatives {
                    let tokens = planner.tokens(of: term)
                    guard !tokens.isEmpty else { continue }
                    parts += forms(term, tokens, rank: -1)
                }
                guard !parts.isEmpty else { continue }
                expression = "(\(expression)) NOT (\(parts.joined(separator: " OR ")))"
            }
            return expression
        }

        private func quoted(_ key: String) -> String { "\"\(key)\"" }
        private func variantPrefix(_ token: Token) -> String { "\"\(token.folded)\(planner.variantMarker)\"*" }
        private func userPrefix(_ token: Token) -> String { "\"\(token.folded)\"*" }
    }
}

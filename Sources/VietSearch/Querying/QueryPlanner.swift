import Foundation
import VietSearchSQLite
import VietnameseText

/// Turns a `SearchQuery` into a `RankingQuery` for a table tokenized with `vietnamese accent 2`
/// (keyed terms `folded:accent`): per query word, its phrases as index terms (what the pruned
/// ranker reads) and as FTS5 syntax (what `vietsearch_rank` scores through FTS5 when the index
/// cannot be read directly), with the `VietnameseRankingPlan` that weighs them.
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
        /// What is ranked: the rows with a routing word (less the excluded ones), scored by
        /// every word.
        var query: RankingQuery
        /// Indices of the words a document needs to have every word: for a keyword query with
        /// more than one, `total` counts those documents when there are any.
        var required: [Int]
        /// Marks the query's words in snippets.
        var snippets: SnippetBuilder
    }

    /// An FTS5 expression and the plan that scores its rows (the exhaustive path).
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
        /// A word of a question that asks (`FunctionWords`): it never brings rows, and scores as
        /// a word in half of the documents.
        var asks = false

        /// Documents the word brings: in the form typed when accented.
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
        if words.count > weights.strictTierMaxWords, typed { markAskingWords(&words) }
        let required = requiredWords(words, statistics: statistics, total: total)
        let writer = PlanWriter(
            planner: self, query: query, exact: exact, typed: typed, statistics: statistics, total: total, words: words,
            required: required, routes: routingWords(words, typed: typed, statistics: statistics, total: total))
        return Plan(query: writer.rankingQuery(), required: required, snippets: writer.snippets())
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

    /// Marks the words of a question typed with accents (or restored) that ask
    /// (`FunctionWords.asking`), by their forms as typed.
    private func markAskingWords(_ words: inout [Word]) {
        let keys = words.map { word -> String? in
            word.tokens.count == 1 && word.tokens[0].count == 1 ? word.tokens[0][0].accent : nil
        }
        for (index, asks) in FunctionWords.asking(keys).enumerated() { words[index].asks = asks }
    }

    /// Per word, whether a row with it matches the query: not when the word is common in the
    /// index (in more than half of the documents), asks, or is grammatical (in a query typed with
    /// accents: `la` may be `lá`); when no word is left, every word does. A word the index lacks
    /// routes (and brings nothing).
    private func routingWords(_ words: [Word], typed: Bool, statistics: TermStatistics?, total: Double) -> [Bool] {
        let routes = words.map { word -> Bool in
            if word.asks { return false }
            if let statistics, statistics.documentCount > 0, Double(word.candidateFrequency) > TermStatistics.commonShare * total {
                return false
            }
            if typed, word.tokens.count == 1, word.tokens[0].count == 1, FunctionWords.grammatical.contains(word.tokens[0][0].accent) {
                return false
            }
            return true
        }
        return routes.contains(true) ? routes : words.map { _ in true }
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

    /// Writes the parts of one plan from its words and their roles: `required` (indices of the
    /// words a document needs to have every word) and `routes` (per word, whether a row with it
    /// matches).
    private struct PlanWriter {
        let planner: QueryPlanner
        let query: SearchQuery
        let exact: Bool
        let typed: Bool
        let statistics: TermStatistics?
        let total: Double
        let words: [Word]
        let required: [Int]
        let routes: [Bool]

        private var weights: Weights { planner.weights }

        /// `Plan.query`: every word in every form that scores, and the excluded phrases.
        func rankingQuery() -> RankingQuery {
            let writer = ExpressionWriter(planner: planner, statistics: statistics, exact: exact, typed: typed)
            var rankingWords: [RankingQuery.Word] = []
            for (index, word) in words.enumerated() {
                let phrases = writer.word(word, rank: index)
                // In a question, an accented word brings the rows with its typed form; its other
                // forms only score (`vỏ nho`: not every row with `nhỏ`). A keyword query's words
                // bring rows in every form (`đảng` finds `đang`, ranked lower).
                let typedRoutes = word.accented && !word.typedOnly && words.count > weights.strictTierMaxWords
                    && !word.clause.alternatives.contains(where: \.isPrefix)
                rankingWords.append(
                    RankingQuery.Word(
                        phrases: phrases, routes: routes[index], routesTypedOnly: typedRoutes,
                        documents: min(word.frequency, Int(total)), typedDocuments: min(word.exactFrequency, word.frequency, Int(total))))
            }
            var plan = rankingPlan()
            plan.phrases = []
            return RankingQuery(words: rankingWords, plan: plan, excluded: writer.excluded(query))
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
            let exactIDF = capped(QueryPlanner.idf(word.exactFrequency, total: total), word)
            let share = word.accented && !word.typedOnly ? weights.exactShare : 0
            var pair = 0.0
            if index > 0, word.tokens.count == 1, words[index - 1].tokens.count == 1, adjacencyCounts(at: index) {
                pair = weights.adjacency * (idf + scoringIDF(words[index - 1])) / 2
            }
            return VietnameseRankingPlan.Word(
                anyWeight: idf * (1 - share), exactWeight: exactIDF * share, pairWeight: pair,
                isRequired: required.contains(index), isAccented: word.accented, length: word.tokens[0].count)
        }

        /// Whether the pair of words `index - 1` and `index` scores when adjacent: not when either
        /// asks, since a text that answers holds the answer where the question has `ai` or `gì`
        /// (a row with `là ai` is the question asked again, not its answer).
        private func adjacencyCounts(at index: Int) -> Bool {
            !words[index].asks && !words[index - 1].asks
        }

        private func scoringIDF(_ word: Word) -> Double {
            capped(QueryPlanner.idf(word.typedOnly ? word.exactFrequency : word.frequency, total: total), word)
        }

        /// A word that asks weighs no more than a word in half of the documents: in a collection
        /// where `ai` is rare, its IDF is high, and rows with it outranked the answer.
        private func capped(_ idf: Double, _ word: Word) -> Double {
            word.asks ? min(idf, QueryPlanner.idf(Int(total / 2), total: total)) : idf
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

    /// How a token is asked of the index: as the term it is, as every accent form of its
    /// syllable (the variant prefix `dang:`), or as any term starting with it (`thuy*`).
    enum TokenKind {
        case term, variants, prefix
    }

    /// The index term (or term prefix) the tokenizer makes of `text` asked as `kind`: what
    /// `VietnameseFTS5Tokenizer` returns for the same query text (`folded:accent`, `folded:`,
    /// `folded`), so the pruned ranker reads the terms FTS5 would match.
    func indexKey(_ text: String, _ kind: TokenKind) -> [UInt8] {
        var list = TokenList()
        analyzer.analyze(Array(text.utf8), into: &list)
        guard let entry = list.entries.first else { return [] }
        switch kind {
        case .term: return Array(list.keyBytes[entry.combinedKey])
        case .variants: return Array(list.keyBytes[entry.variantPrefix])
        case .prefix: return Array(list.keyBytes[entry.foldedKey])
        }
    }

    /// Writes a query's phrases, each as index terms and in FTS5 syntax.
    private struct ExpressionWriter {
        let planner: QueryPlanner
        let statistics: TermStatistics?
        let exact: Bool
        /// The query was typed with accents: each word's typed form is a term of its own.
        let typed: Bool

        /// The word in every form that scores. Phrases of the alternatives the search added (an
        /// abbreviation's other side) are marked: each of their matches counts a little less.
        func word(_ word: Word, rank: Int) -> [RankingQuery.Phrase] {
            var phrases: [RankingQuery.Phrase] = []
            let typedCount = word.clause.typedAlternatives.count
            for (offset, term) in word.clause.alternatives.enumerated() {
                let tokens = planner.tokens(of: term)
                guard !tokens.isEmpty else { continue }
                var added: [RankingQuery.Phrase]
                if word.typedOnly {
                    added = [RankingQuery.Phrase(tokens: typedForm(tokens), countsAsAny: true, countsAsExact: true)]
                } else {
                    added = forms(term, tokens, scores: true)
                }
                if offset >= typedCount {
                    for index in added.indices { added[index].isExpansion = true }
                }
                phrases += added
            }
            return phrases
        }

        /// The tokens in the form typed (unaccented tokens: their unaccented form).
        private func typedForm(_ tokens: [Token]) -> [RankingQuery.Token] {
            tokens.map { $0.hasDiacritics ? quoted($0.accent) : quoted($0.folded) }
        }

        /// Phrases for one term: every accent form (kind any), and the typed form (kind exact).
        private func forms(_ term: SearchQuery.Term, _ tokens: [Token], scores: Bool) -> [RankingQuery.Phrase] {
            let prefix = term.isPrefix
            if exact {
                // The accent key: `ty` stays `ty` (not `ti`), `hoà` is `hòa`.
                let parts = tokens.enumerated().map { offset, token in
                    prefix && offset == tokens.count - 1 ? userPrefix(token) : quoted(token.accent)
                }
                return [RankingQuery.Phrase(tokens: parts, countsAsAny: scores, countsAsExact: false)]
            }
            var result: [RankingQuery.Phrase] = []
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
                            RankingQuery.Phrase(
                                tokens: [quoted(variant.form.isEmpty ? token.folded : variant.form)], countsAsAny: scores,
                                countsAsExact: scores && isTyped))
                    }
                }
            }
            if result.isEmpty {
                let parts = tokens.enumerated().map { offset, token in
                    prefix && offset == tokens.count - 1 ? userPrefix(token) : variantPrefix(token)
                }
                result.append(RankingQuery.Phrase(tokens: parts, countsAsAny: scores, countsAsExact: false))
            }
            if !typedIncluded, !prefix, typed {
                result.append(RankingQuery.Phrase(tokens: typedForm(tokens), countsAsAny: false, countsAsExact: scores))
            }
            return result
        }

        /// The excluded clauses' phrases, in every form.
        func excluded(_ query: SearchQuery) -> [RankingQuery.Phrase] {
            var phrases: [RankingQuery.Phrase] = []
            for clause in query.excludedClauses {
                for term in clause.alternatives {
                    let tokens = planner.tokens(of: term)
                    guard !tokens.isEmpty else { continue }
                    phrases += forms(term, tokens, scores: false)
                }
            }
            return phrases
        }

        private func quoted(_ key: String) -> RankingQuery.Token {
            RankingQuery.Token(bytes: planner.indexKey(key, .term), isPrefix: false, written: "\"\(key)\"")
        }

        private func variantPrefix(_ token: Token) -> RankingQuery.Token {
            RankingQuery.Token(
                bytes: planner.indexKey(token.folded, .variants), isPrefix: true, written: "\"\(token.folded)\(planner.variantMarker)\"*")
        }

        private func userPrefix(_ token: Token) -> RankingQuery.Token {
            RankingQuery.Token(bytes: planner.indexKey(token.folded, .prefix), isPrefix: true, written: "\"\(token.folded)\"*")
        }
    }
}

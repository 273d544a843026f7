/// A search as a person typed it, parsed into clauses. The grammar is small and forgiving:
///
/// - words: `xây dựng` (documents with all words rank first, then the best partial matches);
/// - `"a phrase"`: the words next to each other, in order (an unclosed quote runs to the end);
/// - `prefix*`: any word starting with `prefix`;
/// - `-word`, `-"a phrase"`: documents containing it are left out;
/// - `a OR b` (capital OR between two items): either one.
///
/// Everything else is literal text: `AND`, `NOT`, `NEAR(`, `col:x`, `^`, brackets and other
/// punctuation are never query syntax. Parsing never fails; a phrase, an exclusion or a choice
/// typed again (`"xay dung" "xay dung"`, `-b -b`, `a OR a`) is kept once. A plain word typed
/// again stays until the words are read as meant (`keptOnce`): in `co ... co` the two may be
/// different words (`có`, `cơ`), and each is the context of its neighbours. What a search
/// accepts is bounded by `QueryLimits`.
public struct SearchQuery: Sendable, Hashable {
    /// One searchable item as typed (the analyzer turns it into tokens later).
    public enum Term: Sendable, Hashable {
        /// A word as typed; `prefix` when it ended with `*`. Text with inner punctuation
        /// (`37-NQ/TW`) is one word here and becomes a phrase of its tokens.
        case word(String, prefix: Bool)
        /// The text between double quotes.
        case phrase(String)

        /// Typed as `prefix*`.
        var isPrefix: Bool {
            if case .word(_, let prefix) = self { return prefix }
            return false
        }
    }

    /// One or more alternatives (joined by OR), possibly excluded.
    public struct Clause: Sendable, Hashable {
        public var alternatives: [Term]
        public var isExcluded: Bool
        /// The last this many alternatives were added by the search (an abbreviation's other
        /// side), not typed: they score a little below the typed ones.
        public var addedAlternatives: Int

        public init(alternatives: [Term], isExcluded: Bool = false, addedAlternatives: Int = 0) {
            self.alternatives = alternatives
            self.isExcluded = isExcluded
            self.addedAlternatives = addedAlternatives
        }

        /// One word as typed, searched for (not a prefix, not excluded, no alternatives).
        var isPlainWord: Bool {
            guard !isExcluded, alternatives.count == 1, case .word(_, prefix: false) = alternatives[0] else { return false }
            return true
        }

        /// The alternatives as typed.
        public var typedAlternatives: ArraySlice<Term> { alternatives.dropLast(addedAlternatives) }
    }

    public var clauses: [Clause]
    /// The text as typed.
    public var text: String

    public init(clauses: [Clause], text: String = "") {
        self.clauses = clauses
        self.text = text
    }

    /// Parses `text`. A query made only of exclusions (`-abc`) has nothing to search for: it
    /// finds nothing (read as its words, it would find the very documents it leaves out).
    public init(parsing text: String) {
        self.text = text
        var items: [(term: Term, excluded: Bool)] = []
        var orBefore: [Bool] = []  // item i is joined to item i-1 by OR
        var pendingOr = false
        let scalars = Array(text.unicodeScalars)
        var index = 0

        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

        while index < scalars.count {
            if isSpace(scalars[index]) {
                index += 1
                continue
            }
            var excluded = false
            if scalars[index] == "-", index + 1 < scalars.count, !isSpace(scalars[index + 1]) {
                excluded = true
                index += 1
            }
            if scalars[index] == "\"" {
                var end = index + 1
                while end < scalars.count, scalars[end] != "\"" { end += 1 }
                let body = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                index = min(end + 1, scalars.count)
                items.append((.phrase(body), excluded))
                orBefore.append(pendingOr)
                pendingOr = false
                continue
            }
            var end = index
            while end < scalars.count, !isSpace(scalars[end]), scalars[end] != "\"" { end += 1 }
            var word = String(String.UnicodeScalarView(scalars[index..<end]))
            index = end
            if word == "OR", !excluded, !items.isEmpty {
                pendingOr = true
                continue
            }
            var prefix = false
            if word.hasSuffix("*") {
                while word.hasSuffix("*") { word.removeLast() }
                prefix = !word.isEmpty
            }
            if excluded && word.isEmpty { continue }
            items.append((.word(word, prefix: prefix), excluded))
            orBefore.append(pendingOr)
            pendingOr = false
        }

        // Group OR-joined items into clauses; exclusions stay clauses of their own.
        var clauses: [Clause] = []
        for (offset, item) in items.enumerated() {
            if orBefore[offset], let last = clauses.last, !last.isExcluded, !item.excluded {
                clauses[clauses.count - 1].alternatives.append(item.term)
            } else {
                clauses.append(Clause(alternatives: [item.term], isExcluded: item.excluded))
            }
        }
        self.clauses = Self.withoutRepeats(clauses, keepingWords: true)
    }

    /// The query with every clause kept once, plain words too: for a query whose words are
    /// read as meant (accents restored, keys decoded), where a repeat is the same word again.
    var keptOnce: SearchQuery {
        var query = self
        query.clauses = Self.withoutRepeats(clauses, keepingWords: false)
        return query
    }

    /// The clauses with each one kept once (the first time it was typed), and each clause's
    /// alternatives too; with `keepingWords`, plain words (one alternative, not a prefix, not
    /// excluded) are all kept. A repeat adds no document and only costs: the same doclists
    /// walked again for every candidate. Compared as typed, case and spacing aside.
    static func withoutRepeats(_ clauses: [Clause], keepingWords: Bool) -> [Clause] {
        var seen = Set<[String]>()
        var kept: [Clause] = []
        for var clause in clauses {
            var seenTerms = Set<String>()
            clause.alternatives = clause.alternatives.filter { seenTerms.insert(Self.key(of: $0)).inserted }
            let clauseKey = [clause.isExcluded ? "-" : "+"] + clause.alternatives.map { Self.key(of: $0) }.sorted()
            if seen.insert(clauseKey).inserted || (keepingWords && clause.isPlainWord) { kept.append(clause) }
        }
        return kept
    }

    /// A term as compared for repeats: lowercased, spaces collapsed, kind and prefix kept.
    private static func key(of term: Term) -> String {
        switch term {
        case .word(let text, let prefix): return "w\(prefix ? "*" : " ")" + text.lowercased()
        case .phrase(let text): return "p " + text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
    }

    /// The clauses written back in the query syntax (`a OR b`, `"a phrase"`, `-word`, `prefix*`).
    public var written: String {
        clauses.map { clause in
            let alternatives = clause.alternatives.map { term in
                switch term {
                case .word(let text, let prefix): return prefix ? text + "*" : text
                case .phrase(let text): return "\"\(text)\""
                }
            }
            return (clause.isExcluded ? "-" : "") + alternatives.joined(separator: " OR ")
        }.joined(separator: " ")
    }

    public var positiveClauses: [Clause] { clauses.filter { !$0.isExcluded } }
    public var excludedClauses: [Clause] { clauses.filter(\.isExcluded) }
}

import Foundation
import VietSearchSQLite
import VietnameseText

/// Reads each query word the way it was most likely meant, before planning, deciding with the
/// index's own statistics (`term_stats`) and pair counts (`term_pairs`):
///
/// - a valid Vietnamese syllable the index has as typed is never changed, and a query whose
///   words all exist as typed is searched as typed (`as`, `cos`, codes and English words win
///   when the index knows them);
/// - a word the index lacks is read as the Telex or VNI keys of a syllable it has (`tieengs` →
///   tiếng, `vie65t` → việt), or as a syllable it has one typo away (`TypoCandidates`: marks are
///   never corrected across valid syllables); a valid syllable it lacks stays as typed (a word
///   this collection does not have: `chó` never becomes `có`);
/// - a query with such keys and no diacritic typed is in Telex or VNI: its plain words mean
///   their unaccented form, and a word the index has that is no syllable (`gif`, `cos`, a stray
///   `naof` in some document) competes with its decoded reading;
/// - a word the index has with Vietnamese marks that is no syllable (`việ`, `loạ`), or, in a
///   query typed with marks, lowercase letters that cannot be a word (`cnh`), competes with the
///   syllables one typo away;
/// - a question (more than four words) typed without any diacritic, and not in Telex or VNI,
///   gets its likely accents (`AccentRestorer`).
///
/// Competing readings: the typed one has the prior `meantAsTyped`, the others share the rest
/// (the real-word error model of Mays, Damerau and Mercer, 1991); the bigram model over the
/// index's pair counts weighs each with its neighbouring words (`AccentRestorer.best`).
struct QueryRewriter {
    let planner: QueryPlanner
    let terms: TermStatisticsReader
    /// The index's pair counts, read only when readings must be chosen among (nil: the index
    /// has none).
    let pairs: () throws -> (any PairCounts)?
    /// Restore the accents of questions typed without any.
    var restoreAccents: Bool
    /// Decode keys and correct typos.
    var correctWords: Bool
    /// Whether a folded key is an abbreviation the search knows (`ubnd`): never read as another
    /// word.
    var isAbbreviation: (String) -> Bool = { _ in false }

    /// Probability that a word the index has, but that is no valid syllable, was meant as typed:
    /// a modelling assumption (one word in a hundred mistyped), not a measured weight.
    static let meantAsTyped = 0.99

    typealias Candidate = AccentRestorer.Candidate

    /// One query word that may be read otherwise: a clause of one plain word of one token.
    private struct Slot {
        var clause: Int
        /// The word as typed, and the part of it that is the token (punctuation around it stays).
        var typed: String
        var core: String
        var token: Token
        var candidates: [Candidate] = []
        /// What each candidate is searched as (the word itself when it stays as typed).
        var outputs: [String] = []
        /// Why it may change; nil: it stays as typed whatever is chosen.
        var kind: QueryRewrite.Kind?
        /// Readings of its Telex or VNI keys that the index has.
        var decoded: [(reading: String, token: Token)] = []
        /// The index has the word in the form typed (any form, for a word typed without marks).
        var known = false

        /// `word` in the place of the token, punctuation kept.
        func output(_ word: String) -> String {
            let bytes = Array(typed.utf8)
            return String(decoding: bytes[..<token.byteRange.lowerBound], as: UTF8.self) + word
                + String(decoding: bytes[token.byteRange.upperBound...], as: UTF8.self)
        }
    }

    private struct Mode {
        /// Some word the index lacks is Telex or VNI keys: the query was typed that way.
        var keyed: Bool
        /// Every form of a plain word is searched (no accents typed, none decoded).
        var plain: Bool
        var restoring: Bool
    }

    /// The query with its words read as meant, what changed, and whether accents were restored
    /// (then the query differs from the one typed even where no word did).
    func rewrite(_ query: SearchQuery) throws -> (query: SearchQuery, rewrites: [QueryRewrite], restored: Bool) {
        var chains = try slots(of: query)
        if correctWords {
            for chain in chains.indices {
                for index in chains[chain].indices where try mayBeKeys(chains[chain][index]) {
                    chains[chain][index].decoded = try decodings(of: chains[chain][index])
                }
            }
        }
        let typedWithAccents = query.positiveClauses.contains { clause in
            clause.alternatives.contains { planner.tokens(of: $0).contains(where: \.hasDiacritics) }
        }
        // Keys decode only what the index lacks; in a query typed with accents, they are one
        // reading among the typos.
        let keyed = !typedWithAccents && chains.joined().contains { !$0.known && !$0.decoded.isEmpty }
        let question = query.positiveClauses.count > planner.weights.strictTierMaxWords
        let plain = !typedWithAccents && !keyed
        let restoring = try restoreAccents && plain && question && !chains.isEmpty && pairs() != nil
        let mode = Mode(keyed: keyed, plain: plain, restoring: restoring)
        for chain in chains.indices {
            for index in chains[chain].indices { try fill(&chains[chain][index], mode) }
        }
        // Pairs (megabytes on a large index) are read only when there is something to choose.
        let choosing = chains.contains { chain in chain.count > 1 && chain.contains { $0.kind != nil && $0.candidates.count > 1 } }
        let restorer = AccentRestorer(pairs: choosing ? try pairs() : nil)
        var rewritten = query
        var rewrites: [QueryRewrite] = []
        for chain in chains {
            let chosen = try restorer.best(chain.map(\.candidates))
            for (slot, pick) in zip(chain, chosen) {
                guard let kind = slot.kind else { continue }
                let output = slot.outputs[pick]
                rewritten.clauses[slot.clause].alternatives = [.word(output, prefix: false)]
                if output != slot.typed { rewrites.append(QueryRewrite(kind: kind, from: slot.typed, to: output)) }
            }
        }
        return (rewritten, rewrites, restoring)
    }

    /// The chains of one-token plain words, in query order; anything else (a phrase, a prefix,
    /// an OR, a word of several tokens) ends a chain, since it is no neighbour to read pairs with.
    private func slots(of query: SearchQuery) throws -> [[Slot]] {
        var chains: [[Slot]] = [[]]
        for (index, clause) in query.clauses.enumerated() where !clause.isExcluded {
            if clause.alternatives.count == 1, case .word(let text, let prefix) = clause.alternatives[0], !prefix {
                let tokens = planner.tokens(of: clause.alternatives[0])
                if tokens.count == 1 {
                    let token = tokens[0]
                    let core = String(decoding: Array(text.utf8)[token.byteRange], as: UTF8.self)
                    var slot = Slot(clause: index, typed: text, core: core, token: token)
                    slot.known = try token.hasDiacritics ? terms.documents(token.folded, form: token.accent) > 0 : terms.entry(token.folded) != nil
                    chains[chains.count - 1].append(slot)
                    continue
                }
            }
            if !chains[chains.count - 1].isEmpty { chains.append([]) }
        }
        return chains.filter { !$0.isEmpty }
    }

    /// Whether the word may be Telex or VNI keys worth decoding: unknown, or plain letters that
    /// spell no syllable (`gif`), or only known in a marked form (`khoong`).
    private func mayBeKeys(_ slot: Slot) throws -> Bool {
        guard !slot.token.hasDiacritics else { return false }
        guard slot.known else { return true }
        return try !SyllableSpelling.isValid(slot.core) || terms.documents(slot.token.folded, form: "") == 0
    }

    /// The Telex or VNI readings of a word that the index has.
    private func decodings(of slot: Slot) throws -> [(reading: String, token: Token)] {
        try KeystrokeDecoder.decode(slot.core).compactMap { reading in
            guard let token = planner.analyzer.tokens(in: reading).first,
                try terms.documents(token.folded, form: token.hasDiacritics ? token.accent : "") > 0
            else { return nil }
            return (reading, token)
        }
    }

    /// The slot's readings (see the type's comment for which apply).
    private func fill(_ slot: inout Slot, _ mode: Mode) throws {
        let token = slot.token
        // In a query typed in Telex or VNI, a plain word means its unaccented form.
        let known = mode.keyed && !token.hasDiacritics ? try terms.documents(token.folded, form: "") > 0 : slot.known
        if known, SyllableSpelling.isValid(slot.core) || !correctWords {
            try keep(&slot, mode)
            return
        }
        // Capitals (`TYT`, `TĐC`, `HIV`) and abbreviations write codes and names, not typos.
        if Self.isCapitalized(slot.core) || isAbbreviation(token.folded) {
            if known { try keep(&slot, mode) } else { keepUnknown(&slot, mode) }
            return
        }
        // The other readings share what the typed one leaves. Known but no syllable: a stray
        // spelling some document has, English, a name or a code. Taken for a possible typo: one
        // with Vietnamese marks, and, in a query typed with them, lowercase letters that cannot
        // be a word (`cnh`, `thut`); not `calo`, `Mary`, `HP`.
        let alternative = log(1 - Self.meantAsTyped)
        if !slot.decoded.isEmpty, !known || mode.keyed {
            try addDecodings(&slot)
        }
        // A valid syllable the index lacks may be a word this collection does not have: it is
        // not read as another (`chó` never becomes `có`; typed without marks, `nuoc` never
        // becomes `duoc`).
        if slot.candidates.isEmpty || !mode.keyed, !known || token.hasDiacritics || (!mode.plain && Self.cannotBeAWord(slot.core)),
            known || !isSyllable(slot, mode)
        {
            try addTypos(&slot, mode)
        }
        // Decodings and typos share what the typed reading leaves.
        let share = alternative - log(Double(max(slot.candidates.count, 1)))
        for index in slot.candidates.indices { slot.candidates[index].prior = share }
        if slot.candidates.isEmpty {
            if known { try keep(&slot, mode) } else { keepUnknown(&slot, mode) }
            return
        }
        // A word the index has stays a reading, with the prior of a word meant as typed; one it
        // lacks has no probability under the index's model, so a reading it has always wins.
        guard known else { return }
        let form = token.hasDiacritics ? token.accent : ""
        var typed = Candidate(folded: token.folded, form: form, documents: try terms.documents(token.folded, form: form))
        typed.prior = log(Self.meantAsTyped)
        slot.candidates.append(typed)
        slot.outputs.append(slot.typed)
    }

    /// A word read as typed: in a plain query every form is a reading of it (restored, in a
    /// question), otherwise the form typed.
    private func keep(_ slot: inout Slot, _ mode: Mode) throws {
        let token = slot.token
        if mode.plain {
            slot.candidates = AccentRestorer(pairs: nil).forms(of: token.folded, statistics: terms.statistics)
            if mode.restoring {
                slot.kind = .accents
                slot.outputs = slot.candidates.map { $0.form.isEmpty ? $0.folded : $0.form }
            } else {
                slot.outputs = slot.candidates.map { _ in slot.typed }
            }
            return
        }
        let form = token.hasDiacritics ? token.accent : ""
        slot.candidates = [Candidate(folded: token.folded, form: form, documents: try terms.documents(token.folded, form: form))]
        slot.outputs = [slot.typed]
    }

    /// A word the index lacks and nothing else fits: searched as typed (folded, when restoring).
    private func keepUnknown(_ slot: inout Slot, _ mode: Mode) {
        slot.kind = mode.restoring ? .accents : nil
        slot.candidates = [.unknown(slot.token.folded)]
        slot.outputs = [mode.restoring ? slot.token.folded : slot.typed]
    }

    /// The Telex or VNI readings.
    private func addDecodings(_ slot: inout Slot) throws {
        slot.kind = slot.core.unicodeScalars.contains { ("0"..."9").contains($0) } ? .vni : .telex
        for (reading, decoded) in slot.decoded {
            let form = decoded.hasDiacritics ? decoded.accent : ""
            slot.candidates.append(Candidate(folded: decoded.folded, form: form, documents: try terms.documents(decoded.folded, form: form)))
            slot.outputs.append(slot.output(reading))
        }
    }

    /// Whether the word spells a syllable: as typed, or in a query typed without any mark, with
    /// the marks it may have been meant with (`nuoc` is `nước`).
    private func isSyllable(_ slot: Slot, _ mode: Mode) -> Bool {
        SyllableSpelling.isValid(slot.core) || (mode.plain && !slot.token.hasDiacritics && SyllableSpelling.isValidFolded(slot.token.folded))
    }

    /// Known syllables one typo from the word. In a plain query, every form of each (restored,
    /// or searched as the plain syllable); otherwise the forms the typed marks allow
    /// (`TypoCandidates.isOneTypo`).
    private func addTypos(_ slot: inout Slot, _ mode: Mode) throws {
        let typed = slot.core.lowercased()
        var added = false
        for folded in TypoCandidates.foldedNeighbours(of: slot.token.folded) {
            guard let entry = try terms.entry(folded) else { continue }
            if mode.plain {
                guard folded != slot.token.folded else { continue }
                for candidate in AccentRestorer(pairs: nil).forms(of: folded, statistics: terms.statistics) {
                    slot.candidates.append(candidate)
                    slot.outputs.append(slot.output(mode.restoring && !candidate.form.isEmpty ? candidate.form : folded))
                    added = true
                }
                continue
            }
            for variant in entry.variants where variant.documentFrequency > 0 {
                let meant = variant.form.isEmpty ? folded : variant.form
                guard TypoCandidates.isOneTypo(typed: typed, meant: meant) else { continue }
                slot.candidates.append(Candidate(folded: folded, form: variant.form, documents: variant.documentFrequency))
                slot.outputs.append(slot.output(Self.capitalized(meant, like: slot.core)))
                added = true
            }
        }
        // A word both decoded and one typo away counts as decoded (what its keys say).
        if added, slot.kind == nil { slot.kind = .typo }
    }

    /// Lowercase letters with no vowel (`cnh`, `gl`), or the plain letters of a syllable that
    /// needs a tone (`thut`: a final stop takes sắc or nặng).
    static func cannotBeAWord(_ core: String) -> Bool {
        guard !core.contains(where: \.isUppercase) else { return false }
        return !core.contains { "aeiouy".contains($0) } || SyllableSpelling.isValidFolded(core)
    }

    /// Two letters or more, all capitals.
    static func isCapitalized(_ core: String) -> Bool {
        let letters = core.filter(\.isLetter)
        return letters.count >= 2 && letters.allSatisfy(\.isUppercase)
    }

    /// `word` with a capital first letter when `typed` had one.
    static func capitalized(_ word: String, like typed: String) -> String {
        guard let first = typed.first, first.isUppercase, let letter = word.first else { return word }
        return letter.uppercased() + word.dropFirst()
    }
}

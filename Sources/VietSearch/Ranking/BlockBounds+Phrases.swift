import VietSearchSQLite

extension BlockBounds {
    /// The words of a query FTS5 ranks (its routing words have phrases of several tokens), bounded
    /// by block from their phrases, and the rows per block as a shift; nil when the block maxima
    /// are not current (or were made for other weights).
    ///
    /// A phrase occurs at a row at most as often as each of its tokens' syllables (each
    /// occurrence holds one of each, in its column), so its ratio is at most the least of theirs;
    /// a word's count is the sum of its phrases' (each match weighted by its phrase), and so is
    /// its bound. A syllable without stored maxima (rarer than the covered ones, so its postings
    /// are short) gets its maxima from its postings, as `BlockMaximaBuilder` computes them, with
    /// the rows' `lengths` (a row they lack counts as empty, the largest ratio). A phrase none of
    /// whose tokens has a syllable (a prefix typed) leaves its word at its ceiling.
    static func phraseWords(
        for query: RankingQuery, formula: RankingFormula, lengths: [Int32], records: FTS5Records, layout: FTS5Layout,
        connection: SQLiteConnection
    ) throws -> (shift: Int, words: [Word])? {
        guard var reader = try BlockMaxima.Reader(plan: query.plan, averageLength: formula.averageLength, connection: connection) else {
            return nil
        }
        let shift = reader.shift
        var computed: [[UInt8]: [Double]] = [:]
        func values(of syllable: [UInt8]) throws -> [Double] {
            if let stored = try reader.values(of: syllable) { return stored }
            if let known = computed[syllable] { return known }
            // A rare syllable: few rows, in a dictionary.
            var counts = BlockMaximaBuilder.RowCounts(rows: 0)
            for (postings, _) in try PairPostingsBuilder.terms(of: [syllable], records: records, layout: layout) {
                try BlockMaximaBuilder.addCounts(of: postings, rows: nil, titleWeight: formula.titleWeight, to: &counts)
            }
            var blocks: [Double] = []
            for (row, count) in counts.drain() {
                let block = Int(row >> shift)
                if block >= blocks.count { blocks += [Double](repeating: 0, count: block + 1 - blocks.count) }
                let length = row >= 0 && row < Int64(lengths.count) ? max(lengths[Int(row)], 0) : 0
                blocks[block] = max(blocks[block], count / (1 - formula.b + formula.b * Double(length) / formula.averageLength))
            }
            computed[syllable] = blocks
            return blocks
        }
        let ceiling = formula.k1 + 1
        var words: [Word] = []
        for (number, word) in query.words.enumerated() {
            let weights = query.plan.words[number]
            let any = word.phrases.contains(where: \.countsAsAny)
            let exact = word.phrases.contains(where: \.countsAsExact)
            var bounded = Word(
                any: nil, ceilingShare: (any ? weights.anyWeight * ceiling : 0) + (exact ? weights.exactWeight * ceiling : 0),
                ceilingPossible: any || exact, ceilingTyped: exact)
            var phraseRatios: [(ratios: [Double], phrase: RankingQuery.Phrase)] = []
            for phrase in word.phrases {
                let syllables = phrase.tokens.compactMap(Self.syllable(of:))
                guard !syllables.isEmpty else { break }
                var ratios = try values(of: syllables[0])
                for syllable in syllables.dropFirst() {
                    let other = try values(of: syllable)
                    ratios = (0..<min(ratios.count, other.count)).map { min(ratios[$0], other[$0]) }
                }
                phraseRatios.append((ratios, phrase))
            }
            if phraseRatios.count == word.phrases.count {
                let blocks = phraseRatios.map(\.ratios.count).max() ?? 0
                var (anyRatios, exactRatios, places) = ([Double](repeating: 0, count: blocks), [Double](repeating: 0, count: blocks), [Double](repeating: 0, count: blocks))
                for (ratios, phrase) in phraseRatios {
                    let weight = phrase.isExpansion ? query.plan.expansionWeight : 1
                    for (block, ratio) in ratios.enumerated() where ratio > 0 {
                        if phrase.countsAsAny { anyRatios[block] += weight * ratio }
                        if phrase.countsAsExact { exactRatios[block] += weight * ratio }
                        places[block] += ratio
                    }
                }
                (bounded.any, bounded.exact, bounded.places) = (anyRatios, exactRatios, places)
            }
            words.append(bounded)
        }
        return (shift, words)
    }

    /// A token's folded syllable (`dang` of `dang:đảng` and of the prefix `dang:`); nil for a
    /// prefix typed (`dan*`), which stands for several syllables.
    private static func syllable(of token: RankingQuery.Token) -> [UInt8]? {
        guard let colon = token.bytes.firstIndex(of: 0x3A), colon > 0 else { return nil }
        return Array(token.bytes[..<colon])
    }
}

/// Telling the legacy encodings apart.
///
/// Only 8-bit text that is not valid UTF-8 gets here: the caller tries UTF-8 first, so pure ASCII
/// (valid UTF-8) and UTF-8 text never reach detection. Each line with bytes ≥ 0x80 is decoded with
/// every candidate table and scored by `VietnameseSpelling`: words with non-ASCII letters that
/// form Vietnamese syllables count for the table, words that do not count double against it. A
/// line is won by a table that scores positive and at least `lineMargin` above every other;
/// undecided lines say nothing. The file's encoding is the table that wins most lines; a second
/// table also wins lines in its own right only when it takes a real share of them (TCVN3 and VNI
/// paragraphs mixed in one document), and then every line is decoded with whichever of the two
/// fits it. Text where the chosen tables still leave much garbage (French or German in
/// Windows-1252, say) is not claimed: `detect` gives nil and `decodeDetecting` falls back to
/// Windows-1258 (the code page that is Windows-1252 for Latin-1 letters).
extension LegacyEncoding {
    /// The encoding of 8-bit text that is not valid UTF-8, or nil when none fits well enough.
    /// For a file that mixes encodings line by line, the one most lines are in.
    public static func detect(_ bytes: some Collection<UInt8>) -> LegacyEncoding? {
        let analysis = LineAnalysis(Array(bytes))
        return analysis.primary
    }

    /// Detects and decodes, line by line where lines disagree (TCVN3 and VNI mixed in one file).
    /// `encoding` is the name recorded for the document: one `rawValue`, or several joined by "+"
    /// (`"tcvn3+vni"`). Text no candidate fits is decoded as Windows-1258.
    public static func decodeDetecting(_ bytes: [UInt8]) -> (text: String, encoding: String) {
        let analysis = LineAnalysis(bytes)
        guard let primary = analysis.primary else {
            return (LegacyEncoding.windows1258.decode(bytes), LegacyEncoding.windows1258.rawValue)
        }
        guard analysis.used.count > 1 else { return (primary.decode(bytes), primary.rawValue) }
        var decoder = LegacyDecoder(primary, capacity: bytes.count)
        for (range, encoding) in zip(analysis.lines, analysis.assignment) {
            decoder.switchTable(to: encoding)
            decoder.append(contentsOf: bytes[range])
        }
        let name = allCases.filter(analysis.used.contains).map(\.rawValue).joined(separator: "+")
        return (decoder.string, name)
    }

    /// The per-line evidence and the encoding chosen for each line.
    struct LineAnalysis {
        /// How far a line's best table must score above the others to win the line.
        static let lineMargin = 2
        /// The share of won lines a second table needs to be used at all.
        static let secondaryShare = 0.1
        /// Lines a second table must win at least.
        static let secondaryMinimum = 3

        /// Byte ranges of the lines, each with its line feed.
        var lines: [Range<Int>] = []
        /// The table each line is decoded with (all `primary` unless the file is mixed).
        var assignment: [LegacyEncoding] = []
        var primary: LegacyEncoding?
        var used: Set<LegacyEncoding> = []
        /// Evidence of the chosen tables over the whole text.
        var evidence = VietnameseSpelling.Evidence()

        init(_ bytes: [UInt8]) {
            var start = 0
            for (index, byte) in bytes.enumerated() where byte == 0x0A {
                lines.append(start..<index + 1)
                start = index + 1
            }
            if start < bytes.count { lines.append(start..<bytes.count) }

            let candidates = LegacyEncoding.allCases
            // Evidence per line and candidate; nil for lines that are plain ASCII.
            var perLine: [[VietnameseSpelling.Evidence]?] = []
            perLine.reserveCapacity(lines.count)
            var wins = [Int](repeating: 0, count: candidates.count)
            var totals = [VietnameseSpelling.Evidence](repeating: .init(), count: candidates.count)
            for range in lines {
                let line = bytes[range]
                guard line.contains(where: { $0 >= 0x80 }) else {
                    perLine.append(nil)
                    continue
                }
                let scores = candidates.map { VietnameseSpelling.evidence($0.decodeScalars(line).scalars) }
                perLine.append(scores)
                for index in candidates.indices { totals[index] += scores[index] }
                if let winner = Self.winner(scores.map(\.score), among: Array(candidates.indices)) {
                    wins[winner] += 1
                }
            }

            // The table most lines are in (ties: the better total), then any second one.
            let ranked = candidates.indices.sorted {
                (wins[$0], totals[$0].score) > (wins[$1], totals[$1].score)
            }
            let totalWins = wins.reduce(0, +)
            guard wins[ranked[0]] > 0 else { return }
            let needed = max(Self.secondaryMinimum, Int((Double(totalWins) * Self.secondaryShare).rounded(.up)))
            let present = ranked.filter { $0 == ranked[0] || wins[$0] >= needed }

            // Assign each line the best present table; undecided lines keep the previous one.
            var current = ranked[0]
            var assigned: [Int] = []
            var evidence = VietnameseSpelling.Evidence()
            var usedIndices = Set<Int>()
            for scores in perLine {
                if let scores {
                    if present.count > 1, let winner = Self.winner(scores.map(\.score), among: present) {
                        current = winner
                    }
                    evidence += scores[current]
                    usedIndices.insert(current)
                }
                assigned.append(current)
            }
            // Accept only text that the chosen tables make mostly Vietnamese.
            guard evidence.good >= 2, evidence.good >= 4 * evidence.bad else { return }
            self.evidence = evidence
            primary = candidates[ranked[0]]
            used = Set(usedIndices.map { candidates[$0] })
            assignment = assigned.map { candidates[$0] }
        }

        /// The candidate whose score is positive and `lineMargin` above every other one.
        static func winner(_ scores: [Int], among indices: [Int]) -> Int? {
            var best = -1
            var bestScore = Int.min
            var second = Int.min
            for index in indices {
                let score = scores[index]
                if score > bestScore {
                    second = bestScore
                    bestScore = score
                    best = index
                } else if score > second {
                    second = score
                }
            }
            guard best >= 0, bestScore > 0, indices.count == 1 || bestScore - second >= lineMargin else { return nil }
            return best
        }
    }
}

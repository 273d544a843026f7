import Foundation
import VietSearch
import VietnameseCorpus
import VietnameseText

// Abbreviation recall on the news articles: for each abbreviation and expansion, the documents
// that spell only the expansion and those that use only the abbreviation, found by scanning the
// corpus here (the analyzer's tokens, independently of the search), then how many of each the
// other side's search finds (every result, not the first ten):
//
//   abbreviation → expansion-only documents   searching `UBND` finds documents with only
//                                             `ủy ban nhân dân`
//   expansion → abbreviation-only documents   and the reverse
//
// for the built-in dictionary, and separately for the definitions the index learned from its
// documents that the dictionary lacks. Micro-averaged over documents (each entry's documents
// count once per entry), with the entries' macro average. The index must hold the articles as
// files named `<id>.txt` (what `unpack.py` writes; the ranking-eval index does):
//
//   swift run -c release --package-path Benchmarks abbreviation-recall /tmp/qa.db ../shared/corpus/vinews-baomoi.jsonl.gz
//
// An abbreviation that is also a syllable (`CA`) counts in a document only in capitals, as the
// search expands it only then. `--show N` lists the N entries that miss the most documents.

struct Article: Decodable {
    var id: String
    var title: String
    var text: String
}

/// One side of an entry: its tokens' folded keys (abbreviation) or accent keys (expansion).
struct Side: Hashable {
    var keys: [String]
    var capitalsOnly: Bool
}

struct Entry {
    var abbreviation: String
    var expansion: String
    var abbreviationSide: Side
    var expansionSide: Side
}

let analyzer = VietnameseAnalyzer()

func side(_ text: String, accent: Bool) -> Side {
    let tokens = analyzer.tokens(in: text)
    let keys = tokens.map { accent ? $0.accent : $0.folded }
    return Side(keys: keys, capitalsOnly: !accent && keys.count == 1 && SyllableSpelling.isValidFolded(keys[0]))
}

/// The documents (by index) in which each side occurs.
func occurrences(of sides: Set<Side>, in articles: [Article]) -> [Side: Set<Int>] {
    var byFirst: [String: [Side]] = [:]
    for side in sides { byFirst[side.keys[0], default: []].append(side) }
    var found: [Side: Set<Int>] = [:]
    for (number, article) in articles.enumerated() {
        let text = article.title + "\n" + article.text
        let bytes = Array(text.utf8)
        let tokens = analyzer.tokens(in: text)
        for (position, token) in tokens.enumerated() {
            for key in [token.folded, token.accent] {
                guard let candidates = byFirst[key] else { continue }
                for side in candidates where side.keys.count <= tokens.count - position {
                    let matches = side.keys.indices.allSatisfy { offset in
                        let other = tokens[position + offset]
                        return side.keys[offset] == other.folded || side.keys[offset] == other.accent
                    }
                    guard matches else { continue }
                    if side.capitalsOnly {
                        let written = String(decoding: bytes[token.byteRange], as: UTF8.self)
                        guard written.filter(\.isLetter).allSatisfy(\.isUppercase) else { continue }
                    }
                    found[side, default: []].insert(number)
                }
            }
        }
    }
    return found
}

struct Tally {
    var entries = 0
    var documents = 0
    var found = 0
    var macro = 0.0
    var misses: [(String, Int, Int)] = []

    mutating func add(_ name: String, wanted: Set<Int>, found results: Set<Int>) {
        guard !wanted.isEmpty else { return }
        let hits = wanted.intersection(results).count
        entries += 1
        documents += wanted.count
        found += hits
        macro += Double(hits) / Double(wanted.count)
        misses.append((name, wanted.count - hits, wanted.count))
    }

    var line: String {
        String(
            format: "%d entries, %d documents: %.1f %% found (macro %.1f %%)", entries, documents, 100 * Double(found) / Double(max(documents, 1)),
            100 * macro / Double(max(entries, 1)))
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
var show = 0
if let at = arguments.firstIndex(of: "--show"), at + 1 < arguments.count {
    show = Int(arguments[at + 1]) ?? 0
    arguments.removeSubrange(at...(at + 1))
}
guard arguments.count == 2 else {
    print("usage: abbreviation-recall INDEX.db NEWS.jsonl.gz [--show N]")
    exit(2)
}

do {
    let index = try SearchIndex(path: arguments[0], mode: .readOnly)
    let decoder = JSONDecoder()
    let articles = try CorpusLoader.decompress(arguments[1]).split(separator: UInt8(ascii: "\n")).map {
        try decoder.decode(Article.self, from: Data($0))
    }
    let numberOfPath = Dictionary(uniqueKeysWithValues: articles.enumerated().map { ("/\($1.id).txt", $0) })
    func entries(_ pairs: [(String, String)]) -> [Entry] {
        var seen = Set<[String]>()
        return pairs.compactMap { abbreviation, expansion in
            let entry = Entry(
                abbreviation: abbreviation, expansion: expansion, abbreviationSide: side(abbreviation, accent: false),
                expansionSide: side(expansion, accent: true))
            guard !entry.abbreviationSide.keys.isEmpty, !entry.expansionSide.keys.isEmpty,
                seen.insert(entry.abbreviationSide.keys + ["="] + entry.expansionSide.keys).inserted
            else { return nil }
            return entry
        }
    }
    let builtin = entries(AbbreviationDictionary.builtin.entries.map { ($0.abbreviation, $0.expansion) })
    let builtinKeys = Set(builtin.map { $0.abbreviationSide.keys + ["="] + side($0.expansion, accent: false).keys })
    let learned = entries(try index.learnedAbbreviations().map { ($0.abbreviation, $0.expansion) }).filter {
        !builtinKeys.contains($0.abbreviationSide.keys + ["="] + side($0.expansion, accent: false).keys)
    }
    let sides = Set((builtin + learned).flatMap { [$0.abbreviationSide, $0.expansionSide] })
    let found = occurrences(of: sides, in: articles)
    func results(_ query: String) throws -> Set<Int> {
        let results = try index.search(query, options: SearchOptions(limit: 1_000_000, snippetWords: 1))
        return Set(results.results.compactMap { result in
            result.path.lastIndex(of: "/").flatMap { numberOfPath[String(result.path[$0...])] }
        })
    }
    for (name, list) in [("built-in dictionary", builtin), ("learned from the documents, not built in", learned)] {
        var fromAbbreviation = Tally()
        var fromExpansion = Tally()
        for entry in list {
            let withAbbreviation = found[entry.abbreviationSide] ?? []
            let withExpansion = found[entry.expansionSide] ?? []
            let expansionOnly = withExpansion.subtracting(withAbbreviation)
            let abbreviationOnly = withAbbreviation.subtracting(withExpansion)
            if !expansionOnly.isEmpty {
                fromAbbreviation.add("\(entry.abbreviation) → \(entry.expansion)", wanted: expansionOnly, found: try results(entry.abbreviation))
            }
            if !abbreviationOnly.isEmpty {
                fromExpansion.add("\(entry.expansion) → \(entry.abbreviation)", wanted: abbreviationOnly, found: try results(entry.expansion))
            }
        }
        print("\(name) (\(list.count) entries):")
        print("  abbreviation finds the documents with only the expansion: \(fromAbbreviation.line)")
        print("  expansion finds the documents with only the abbreviation: \(fromExpansion.line)")
        for (miss, missed, of) in (fromAbbreviation.misses + fromExpansion.misses).sorted(by: { $0.1 > $1.1 }).prefix(show) where missed > 0 {
            print("    missed \(missed) of \(of): \(miss)")
        }
    }
} catch {
    FileHandle.standardError.write(Data("abbreviation-recall: \(error)\n".utf8))
    exit(1)
}

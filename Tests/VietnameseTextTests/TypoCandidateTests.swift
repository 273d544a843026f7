import PropertyBased
import Testing
import VietnameseText

/// Syllable validity and one-typo candidates: marks are never corrected across existing forms.
@Suite struct TypoCandidateTests {
    @Test(arguments: ["người", "Quý", "gì", "già", "nghiêng", "khuỷu", "NGƯỜI", "ngu\u{31B}o\u{31B}\u{300}i", "hoà", "tác", "ạch"])
    func validSyllables(_ word: String) {
        #expect(SyllableSpelling.isValid(word))
    }

    @Test(arguments: ["cos", "ngừoi", "tàc", "Đắk", "xyz", "2016", "café", "chóò", "", "nguyeenx", "câ", "việ", "thuô", "ngườ", "khuyê"])
    func invalidSyllables(_ word: String) {
        #expect(!SyllableSpelling.isValid(word))
    }

    @Test func foldedValidity() {
        #expect(SyllableSpelling.isValidFolded("nguoi"))
        #expect(SyllableSpelling.isValidFolded("tac"))
        #expect(SyllableSpelling.isValidFolded("thuy"))
        #expect(!SyllableSpelling.isValidFolded("nguio"))
        #expect(!SyllableSpelling.isValidFolded("cos"))
        #expect(!SyllableSpelling.isValidFolded("người"))
    }

    /// The bug other engines' fuzzy search has: `chó` (dog) matching `chò` and `chòe` (birds).
    @Test func marksAreNeverCorrectedAcrossExistingForms() {
        for (typed, meant) in [
            ("chó", "chò"), ("chó", "chòe"), ("chó", "cho"), ("chó", "chọ"), ("chò", "chó"), ("ngươi", "người"),
            ("người", "ngươi"), ("tiếng", "tiêng"), ("ma", "mà"), ("má", "mả"),
        ] {
            #expect(!TypoCandidates.isOneTypo(typed: typed, meant: meant), "\(typed) → \(meant)")
        }
    }

    @Test func oneTypoAway() {
        for (typed, meant) in [
            ("chóx", "chó"),  // one letter too many
            ("chs", "chó"),  // the toned letter replaced: its tone went with it
            ("ch", "chó"),  // the toned letter left out
            ("ngưi", "người"),
            ("ngưiờ", "người"),  // two letters swapped
            ("ngừoi", "người"),  // no syllable: a mark alone may differ
            ("ngưoi", "người"),
            ("nguờoi", "người"),  // u for ư, and an extra o: two edits
            ("thưòng", "thường"),
            ("Nguời", "người"),
        ] {
            let expected = typed != "nguờoi"
            #expect(TypoCandidates.isOneTypo(typed: typed, meant: meant) == expected, "\(typed) → \(meant)")
        }
    }

    @Test func typedToneMustBeTheMeantOne() {
        #expect(!TypoCandidates.isOneTypo(typed: "ngưới", meant: "người"))
        #expect(!TypoCandidates.isOneTypo(typed: "chóx", meant: "chòx"))
        #expect(!TypoCandidates.isOneTypo(typed: "chos", meant: "chó"))  // tone lost and a letter added: two typos
    }

    @Test func foldedNeighboursOfATypo() {
        let neighbours = TypoCandidates.foldedNeighbours(of: "nguoj")
        #expect(neighbours.contains("nguoi"))
        #expect(neighbours.contains("nguon"))
        #expect(!neighbours.contains("nguoj"))
        #expect(TypoCandidates.foldedNeighbours(of: "nguoi").first == "nguoi")
        #expect(TypoCandidates.foldedNeighbours(of: "người").isEmpty)
        #expect(TypoCandidates.foldedNeighbours(of: "").isEmpty)
    }

    static let asciiWord = Generator<String, Shrink.None<String>> { rng in
        let letters = Array("abcdeghiklmnopqrstuvxy")
        return String((0..<Int.random(in: 1...7, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
    }

    /// Every neighbour is a valid folded syllable one edit away (or the word itself).
    @Test func neighboursAreValidAndOneEditAway() async {
        await propertyCheck(count: 300, input: Self.asciiWord) { word in
            for neighbour in TypoCandidates.foldedNeighbours(of: word) {
                #expect(SyllableSpelling.isValidFolded(neighbour))
                #expect(Self.distance(Array(word), Array(neighbour)) <= 1, "\(word) → \(neighbour)")
            }
        }
    }

    /// Optimal string alignment distance, the oracle.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}

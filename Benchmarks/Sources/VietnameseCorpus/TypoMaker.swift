/// One random typo in one word of a text, for measuring how a search copes with them: a word of
/// two letters or more is picked uniformly, then one edit at a uniform place: a letter left out,
/// a letter a–z added, a letter replaced by another a–z, or two neighbouring letters swapped (one
/// of the four, uniformly). A letter is a whole character (`ờ` with its marks), so a typo that
/// replaces or drops it takes its marks too, as a slip of the finger does.
public enum TypoMaker {
    public static func withOneTypo(_ text: String, rng: inout SplitMix64) -> String {
        oneTypo(in: text, rng: &rng).text
    }

    /// The text with one typo, and the word as mistyped (empty when the text has no word).
    public static func oneTypo(in text: String, rng: inout SplitMix64) -> (text: String, word: String) {
        var characters = Array(text)
        var words: [Range<Int>] = []
        var start: Int?
        for index in 0...characters.count {
            let isLetter = index < characters.count && characters[index].isLetter
            if isLetter, start == nil { start = index }
            if !isLetter, let first = start {
                if index - first >= 2 { words.append(first..<index) }
                start = nil
            }
        }
        guard !words.isEmpty else { return (text, "") }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for _ in 0..<100 {
            let word = rng.pick(words)
            var edited = Array(characters[word])
            switch rng.below(4) {
            case 0:
                edited.remove(at: rng.below(edited.count))
            case 1:
                edited.insert(rng.pick(letters), at: rng.below(edited.count + 1))
            case 2:
                edited[rng.below(edited.count)] = rng.pick(letters)
            default:
                let at = rng.below(edited.count - 1)
                edited.swapAt(at, at + 1)
            }
            guard edited != Array(characters[word]) else { continue }
            characters.replaceSubrange(word, with: edited)
            return (String(characters), String(edited))
        }
        return (text, "")
    }
}

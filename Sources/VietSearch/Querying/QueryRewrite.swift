/// One change a search made to the query before searching it (`SearchResults.rewrites`).
public struct QueryRewrite: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Accents restored to a question typed without any (`co` → `có`).
        case accents
        /// A word typed in Telex with no input method (`tieengs` → `tiếng`).
        case telex
        /// A word typed in VNI with no input method (`vie65t` → `việt`).
        case vni
        /// A word the index lacks, read as the known syllable one typo away (`nguòi` → `người`).
        case typo
        /// An abbreviation or its expansion, searched as either (`UBND` → `UBND OR "ủy ban nhân
        /// dân"`).
        case abbreviation
    }

    public var kind: Kind
    /// The words as typed.
    public var from: String
    /// What they were searched as, in the query syntax.
    public var to: String

    public init(kind: Kind, from: String, to: String) {
        self.kind = kind
        self.from = from
        self.to = to
    }
}

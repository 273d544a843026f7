import ArgumentParser
import Foundation
import VietnameseText

/// `--dictionary`: a user's abbreviations, added to the built-in ones.
struct DictionaryOptions: ParsableArguments {
    @Option(
        name: .customLong("dictionary"),
        help: ArgumentHelp(
            "A file of abbreviations to add to the built-in ones.",
            discussion: """
                One a line: spellings of the abbreviation, comma-separated, then = and the expansion \
                (TP.HCM, TPHCM = Thành phố Hồ Chí Minh); # starts a comment. Default: \
                $VNSEARCH_DICTIONARY, if set.
                """,
            valueName: "file"))
    var path: String?

    var resolvedPath: String? {
        if let path { return path }
        let path = ProcessInfo.processInfo.environment["VNSEARCH_DICTIONARY"]
        return path?.isEmpty == false ? path : nil
    }

    /// The user's entries alone (empty without a file).
    func userDictionary() throws -> AbbreviationDictionary {
        guard let path = resolvedPath else { return AbbreviationDictionary() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("Cannot read the dictionary file \(path)")
        }
        do {
            return try AbbreviationDictionary(parsing: String(decoding: data, as: UTF8.self))
        } catch {
            throw ValidationError("The dictionary file \(path), \(error)")
        }
    }

    /// The built-in dictionary with the user's added.
    func dictionary() throws -> AbbreviationDictionary {
        AbbreviationDictionary.builtin.merging(try userDictionary())
    }
}

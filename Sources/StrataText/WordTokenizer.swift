/// Splits free text (titles, descriptions, reviews, tags) into lower-case keyword terms for topic naming.
///
/// Latin, Cyrillic and other alphabetic scripts give words (letters and digits, with an English
/// possessive `'s` dropped); CJK text, written without spaces, gives overlapping character bigrams, so
/// Chinese needs no dictionary, or, with a `lexicon` learned from the catalog's own text, its words.
/// Stop words, one-letter words and numerals are dropped: numbers,
/// ordinals and decades ("2nd", "1980s") and the roman numerals of sequels ("ii", "xiv", up to 39),
/// which name no interest.
public struct WordTokenizer: Sendable {
    /// Words never returned.
    public var stopWords: Set<String>
    /// Characters whose CJK bigrams are never returned.
    public var stopCharacters: Set<Character>
    /// Chinese words to cut CJK runs into (longest match first) instead of bigrams; see `learningChineseWords(from:)`.
    public var lexicon: ChineseLexicon?

    /// A tokenizer with the English and Chinese stop lists.
    public init(
        stopWords: Set<String> = StopWords.english, stopCharacters: Set<Character> = StopWords.chineseCharacters
    ) {
        self.stopWords = stopWords
        self.stopCharacters = stopCharacters
    }

    /// This tokenizer with a `lexicon` learned from `texts` (its stop characters cutting runs), so that
    /// Chinese terms are the words of that text rather than bigrams that may cross words. Other scripts
    /// are tokenized as before, and so is Chinese when `texts` are too few to learn any word from.
    public func learningChineseWords(from texts: [String]) -> WordTokenizer {
        var copy = self
        let lexicon = ChineseLexicon(texts: texts, stopCharacters: stopCharacters)
        copy.lexicon = lexicon.words.isEmpty ? nil : lexicon
        return copy
    }

    /// The keyword terms of `text`, in order of appearance.
    public func terms(_ text: String) -> [String] {
        var terms = [String]()
        var word = ""
        var ideographs = [Character]()
        func flushWord() {
            if word.hasSuffix("'s") { word.removeLast(2) }
            let trimmed = word.trimmingApostrophes()
            if trimmed.count > 1, !stopWords.contains(trimmed), !Self.isNumeral(trimmed) { terms.append(trimmed) }
            word = ""
        }
        func flushIdeographs() {
            if ideographs.count == 1, !stopCharacters.contains(ideographs[0]) {
                terms.append(String(ideographs[0]))
            }
            if ideographs.count > 1, let lexicon {
                terms += ideographs.split { stopCharacters.contains($0) }.flatMap { lexicon.segment(Array($0)) }
            } else if ideographs.count > 1 {
                for i in 0 ..< ideographs.count - 1
                where !stopCharacters.contains(ideographs[i]) && !stopCharacters.contains(ideographs[i + 1]) {
                    terms.append(String(ideographs[i ... i + 1]))
                }
            }
            ideographs.removeAll()
        }
        for character in text.lowercased() {
            if let scalar = character.unicodeScalars.first, BertNormalizer.isChineseCharacter(scalar) {
                flushWord()
                ideographs.append(character)
            } else if character.isLetter || character.isNumber || (character == "'" && !word.isEmpty) {
                flushIdeographs()
                word.append(character)
            } else {
                flushWord()
                flushIdeographs()
            }
        }
        flushWord()
        flushIdeographs()
        return terms
    }

    /// Whether a lower-case word is a numeral: digits alone or followed by an ordinal or plural ending
    /// ("1999", "2nd", "80s"), or a roman numeral below 40 ("ii", "iv", "xiv"; "mix" or "civil" are words).
    static func isNumeral(_ word: String) -> Bool {
        let digits = word.prefix { $0.isNumber }
        if !digits.isEmpty { return ["", "s", "st", "nd", "rd", "th"].contains(word.dropFirst(digits.count)) }
        var rest = Substring(word)
        var tens = 0
        while rest.first == "x", tens < 3 {
            rest.removeFirst()
            tens += 1
        }
        return romanUnits.contains(String(rest))
    }

    /// The roman numerals 0–9 (the empty string is zero: "xx" is a numeral; words are never empty).
    private static let romanUnits: Set<String> = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
}

extension String {
    fileprivate func trimmingApostrophes() -> String {
        var s = Substring(self)
        while s.last == "'" { s.removeLast() }
        return String(s)
    }
}

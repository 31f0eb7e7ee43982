/// A rough, dictionary-free test of whether text is in English: by its letters' script.
public enum LetterScript {
    /// Whether `text` is mostly ASCII-lettered: true for English (and for unaccented Latin-script
    /// languages, which it cannot tell apart), false for Chinese, Japanese, Korean, Arabic, Cyrillic
    /// and the like; `nil` when `text` has no letters. A run of ASCII letters (a word) weighs as much as
    /// one other letter, since a Chinese character carries about a word: "iPhone 15 手机壳" is Chinese.
    public static func isMostlyASCII(_ text: String) -> Bool? {
        var asciiWords = 0
        var other = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let letter = scalar.properties.isAlphabetic
            if letter && scalar.isASCII {
                if !inWord { asciiWords += 1 }
            } else if letter {
                other += 1
            }
            inWord = letter && scalar.isASCII
        }
        return asciiWords + other == 0 ? nil : asciiWords >= other
    }
}

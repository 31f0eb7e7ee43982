import Foundation

/// The text clean-up BERT applies before splitting, exactly as Hugging Face's `BertNormalizer`:
/// control characters dropped, whitespace unified, CJK ideographs set apart, accents stripped (NFD,
/// then non-spacing marks removed) and letters lower-cased.
public struct BertNormalizer: Sendable {
    /// Lower-case the text (uncased models).
    public var lowercase: Bool
    /// Strip accents; Hugging Face strips them whenever the text is lower-cased unless told otherwise.
    public var stripAccents: Bool
    /// Surround CJK ideographs with spaces so each becomes its own word.
    public var separateChineseCharacters: Bool

    /// A normalizer; `stripAccents` defaults to `lowercase`, as in Hugging Face.
    public init(lowercase: Bool = true, stripAccents: Bool? = nil, separateChineseCharacters: Bool = true) {
        self.lowercase = lowercase
        self.stripAccents = stripAccents ?? lowercase
        self.separateChineseCharacters = separateChineseCharacters
    }

    /// The normalised text as Unicode scalars.
    public func normalize(_ text: String) -> [Unicode.Scalar] {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
            if Self.isWhitespace(scalar) {
                cleaned.append(" ")
            } else if separateChineseCharacters && Self.isChineseCharacter(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        var scalars = Array(
            stripAccents ? String(cleaned).decomposedStringWithCanonicalMapping.unicodeScalars : cleaned)
        if stripAccents {
            scalars.removeAll { $0.properties.generalCategory == .nonspacingMark }
        }
        if lowercase {
            var lowered = [Unicode.Scalar]()
            lowered.reserveCapacity(scalars.count)
            for scalar in scalars {
                if scalar.isASCII {
                    let v = scalar.value
                    lowered.append((v >= 65 && v <= 90) ? Unicode.Scalar(v + 32)! : scalar)
                } else {
                    lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            }
            scalars = lowered
        }
        return scalars
    }

    /// Whitespace as BERT sees it: tab, newline, carriage return and the Unicode White_Space property.
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace
    }

    /// Control and other invisible characters (categories Cc, Cf, Cs, Co, Cn), except tab and newlines.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// CJK Unified Ideographs and their extensions and compatibility blocks (not Hiragana, Katakana or Hangul).
    public static func isChineseCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00 ... 0x9FFF, 0x3400 ... 0x4DBF, 0x20000 ... 0x2A6DF, 0x2A700 ... 0x2B73F,
            0x2B740 ... 0x2B81F, 0x2B920 ... 0x2CEAF, 0xF900 ... 0xFAFF, 0x2F800 ... 0x2FA1F:
            return true
        default:
            return false
        }
    }
}

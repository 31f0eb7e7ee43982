/// Splits normalised text into words as Hugging Face's `BertPreTokenizer`: on whitespace, and every
/// punctuation character (ASCII punctuation or a Unicode `P*` category) becomes a word of its own.
public enum BertPreTokenizer {
    /// The words of `scalars`, in order.
    public static func split(_ scalars: [Unicode.Scalar]) -> [String.UnicodeScalarView] {
        var words = [String.UnicodeScalarView]()
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                words.append(current)
                current = String.UnicodeScalarView()
            }
        }
        for scalar in scalars {
            if BertNormalizer.isWhitespace(scalar) {
                flush()
            } else if isPunctuation(scalar) {
                flush()
                words.append(String.UnicodeScalarView([scalar]))
            } else {
                current.append(scalar)
            }
        }
        flush()
        return words
    }

    /// ASCII punctuation (which includes symbols such as `$`, `+`, `<`) or any Unicode punctuation.
    public static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (33 ... 47).contains(v) || (58 ... 64).contains(v) || (91 ... 96).contains(v) || (123 ... 126).contains(v) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}

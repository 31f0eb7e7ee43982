import Foundation
import StrataText

/// Checks that generated text stays within its evidence: it claims no number or quoted text that the
/// evidence lacks, and shares at least one word (or word stem, or character pair) with it.
enum Grounding {
    /// The first number or quoted text in `text` that `evidence` (lowercased) does not contain, if any.
    static func absentClaim(in text: String, evidence: String) -> Substring? {
        text.split { !$0.isNumber }.first { !evidence.contains($0) }
            ?? text.split(separator: "\"", omittingEmptySubsequences: false).enumerated().first {
                $0.offset % 2 == 1 && !evidence.contains($0.element.lowercased())
            }?.element
    }

    /// Whether `text` shares a term, or the first four letters of one, with `evidence`.
    static func sharesTerm(_ text: String, with evidence: String) -> Bool {
        let evidenceTerms = Set(WordTokenizer().terms(evidence).flatMap { [$0, String($0.prefix(4))] })
        return WordTokenizer().terms(text).contains {
            evidenceTerms.contains($0) || evidenceTerms.contains(String($0.prefix(4)))
        }
    }

    /// Whether `texts` are written in Chinese characters (a third of their letters or more).
    static func isChinese(_ texts: [String]) -> Bool {
        let scalars = texts.joined().unicodeScalars.filter { $0.properties.isAlphabetic }
        return !scalars.isEmpty && scalars.filter(BertNormalizer.isChineseCharacter).count * 3 >= scalars.count
    }

    /// Whether `text` contains a Chinese character.
    static func containsChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: BertNormalizer.isChineseCharacter)
    }
}

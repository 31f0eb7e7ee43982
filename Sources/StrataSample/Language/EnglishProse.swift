/// The sample in English: the committed `sample/` folder.
struct EnglishProse: SampleProse {
    var vocabularies: [Vocabulary] { Vocabulary.english }
    var segmentNames: [String] { PlantedSegment.all.map(\.name) }
    var sentenceSeparator: String { " " }

    func title(_ start: String, _ end: String) -> String { start + " " + end }

    func descriptionSentences(_ parts: DescriptionParts, style: Vocabulary.Style) -> DescriptionSentences {
        let (title, kind, use, audience) = (parts.title, parts.kind, parts.use, parts.audience)
        let (f1, f2, f3) = parts.features
        switch style {
        case .product:
            return DescriptionSentences(
                opening: [
                    "The \(title) is \(Self.article(kind)) \(kind) with \(f1) and \(f2).",
                    "This \(kind) pairs \(f1) with \(f2).",
                    "\(Self.capitalized(Self.article(kind))) \(kind) with \(f1), \(f2) and \(f3)."
                ],
                middle: [
                    "It is built for \(use).",
                    "Owners like it for \(use), and \(f3) is a welcome extra.",
                    "If you need something for \(use), this one is worth a look."
                ],
                closing: [
                    "A good choice for \(audience).", "Compared with similar models it offers \(f3).",
                    "Made with \(audience) in mind."
                ])
        case .story:
            return DescriptionSentences(
                opening: [
                    "\(title) is \(Self.article(kind)) \(kind) about \(f1).",
                    "\(Self.capitalized(Self.article(kind))) \(kind) about \(f1), with \(f2).",
                    "In this \(kind), \(f1) sets everything in motion."
                ],
                middle: ["Expect \(use).", "It offers \(use), and \(f2) along the way.", "Critics praised \(f3)."],
                closing: ["It suits \(audience).", "Recommended for \(audience).", "A favourite among \(audience)."])
        }
    }

    func reviews(feature: String, use: String, liked: Bool) -> [String] {
        liked
            ? [
                "Loved it: \(feature) is exactly as described.", "Great for \(use).",
                "Really happy with \(feature), would buy again.", "Perfect for \(use), and \(feature) is a bonus."
            ]
            : [
                "Not for me; \(feature) did not impress.", "Expected more for \(use).",
                "Returned it, \(feature) felt overrated."
            ]
    }

    static func article(_ word: String) -> String {
        "aeiou".contains(word.first!.lowercased()) ? "an" : "a"
    }

    static func capitalized(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }
}

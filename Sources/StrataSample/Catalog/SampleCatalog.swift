import Foundation
import StrataCore
import StrataMath

/// The sample catalog: ten items per sub-category, each with a title and a description of two or
/// three sentences composed from its sub-category's vocabulary.
struct SampleCatalog {
    static let itemsPerSubcategory = 10

    /// The items, grouped by sub-category in `Vocabulary.all` order, most popular first in each group.
    let items: [Item]
    /// `items` index ranges per sub-category (index into `Vocabulary.all`).
    let itemsOfInterest: [[Int]]

    init(random: inout SeededRandom) {
        var items: [Item] = []
        var groups: [[Int]] = []
        for vocabulary in Vocabulary.all {
            let pairs = random.shuffled(
                vocabulary.titleStarts.indices.flatMap { s in
                    vocabulary.titleEnds.indices.map { (s, $0) }
                })
            var group: [Int] = []
            for (start, end) in pairs.prefix(Self.itemsPerSubcategory) {
                let title = vocabulary.titleStarts[start] + " " + vocabulary.titleEnds[end]
                group.append(items.count)
                items.append(
                    Item(
                        id: String(format: "i%03d", items.count + 1), title: title,
                        description: Self.describe(title, vocabulary, &random), categories: [vocabulary.path]))
            }
            groups.append(group)
        }
        self.items = items
        itemsOfInterest = groups
    }

    /// Two or three sentences about one item.
    static func describe(_ title: String, _ v: Vocabulary, _ random: inout SeededRandom) -> String {
        let kind = random.pick(v.kinds)
        let features = random.shuffled(v.features)
        let (f1, f2, f3) = (features[0], features[1], features[2])
        let use = random.pick(v.uses)
        let audience = random.pick(v.audiences)
        let opening: [String]
        let middle: [String]
        let closing: [String]
        switch v.style {
        case .product:
            opening = [
                "The \(title) is \(article(kind)) \(kind) with \(f1) and \(f2).",
                "This \(kind) pairs \(f1) with \(f2).",
                "\(capitalized(article(kind))) \(kind) with \(f1), \(f2) and \(f3)."
            ]
            middle = [
                "It is built for \(use).",
                "Owners like it for \(use), and \(f3) is a welcome extra.",
                "If you need something for \(use), this one is worth a look."
            ]
            closing = [
                "A good choice for \(audience).", "Compared with similar models it offers \(f3).",
                "Made with \(audience) in mind."
            ]
        case .story:
            opening = [
                "\(title) is \(article(kind)) \(kind) about \(f1).",
                "\(capitalized(article(kind))) \(kind) about \(f1), with \(f2).",
                "In this \(kind), \(f1) sets everything in motion."
            ]
            middle = ["Expect \(use).", "It offers \(use), and \(f2) along the way.", "Critics praised \(f3)."]
            closing = ["It suits \(audience).", "Recommended for \(audience).", "A favourite among \(audience)."]
        }
        var sentences = [random.pick(opening), random.pick(middle)]
        if random.chance(0.7) { sentences.append(random.pick(closing)) }
        return sentences.joined(separator: " ")
    }

    static func article(_ word: String) -> String {
        "aeiou".contains(word.first!.lowercased()) ? "an" : "a"
    }

    static func capitalized(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }
}

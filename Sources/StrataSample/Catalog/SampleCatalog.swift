import Foundation
import StrataCore
import StrataMath

/// The sample catalog: ten items per sub-category, each with a title and a description of two or
/// three sentences composed from its sub-category's vocabulary in the sample's language.
struct SampleCatalog {
    static let itemsPerSubcategory = 10

    /// The items, grouped by sub-category in vocabulary order, most popular first in each group.
    let items: [Item]
    /// `items` index ranges per sub-category (index into the vocabularies).
    let itemsOfInterest: [[Int]]

    init(prose: any SampleProse, random: inout SeededRandom) {
        var items: [Item] = []
        var groups: [[Int]] = []
        for vocabulary in prose.vocabularies {
            let pairs = random.shuffled(
                vocabulary.titleStarts.indices.flatMap { s in
                    vocabulary.titleEnds.indices.map { (s, $0) }
                })
            var group: [Int] = []
            for (start, end) in pairs.prefix(Self.itemsPerSubcategory) {
                let title = prose.title(vocabulary.titleStarts[start], vocabulary.titleEnds[end])
                group.append(items.count)
                items.append(
                    Item(
                        id: String(format: "i%03d", items.count + 1), title: title,
                        description: Self.describe(title, vocabulary, prose, &random), categories: [vocabulary.path]))
            }
            groups.append(group)
        }
        self.items = items
        itemsOfInterest = groups
    }

    /// Two or three sentences about one item.
    static func describe(
        _ title: String, _ v: Vocabulary, _ prose: any SampleProse, _ random: inout SeededRandom
    ) -> String {
        let kind = random.pick(v.kinds)
        let features = random.shuffled(v.features)
        let use = random.pick(v.uses)
        let audience = random.pick(v.audiences)
        let sentences = prose.descriptionSentences(
            DescriptionParts(
                title: title, kind: kind, features: (features[0], features[1], features[2]), use: use,
                audience: audience),
            style: v.style)
        var chosen = [random.pick(sentences.opening), random.pick(sentences.middle)]
        if random.chance(0.7) { chosen.append(random.pick(sentences.closing)) }
        return chosen.joined(separator: prose.sentenceSeparator)
    }
}

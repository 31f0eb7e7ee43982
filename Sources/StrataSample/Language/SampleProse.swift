/// How one language writes the sample from its vocabularies: titles, descriptions and reviews.
/// Every list a draw picks from has the same length in every language, entry for entry as in
/// English, so that the same seed gives the same draws and the same planted truth.
protocol SampleProse: Sendable {
    /// The sub-categories' vocabularies, in the order and with the list lengths of `Vocabulary.english`.
    var vocabularies: [Vocabulary] { get }
    /// The planted segments' names, in `PlantedSegment.all` order.
    var segmentNames: [String] { get }
    /// What separates the sentences of a description.
    var sentenceSeparator: String { get }

    /// An item's title from one title start and one title end.
    func title(_ start: String, _ end: String) -> String
    /// The candidate sentences of a description: three openings, three middles, three closings.
    func descriptionSentences(_ parts: DescriptionParts, style: Vocabulary.Style) -> DescriptionSentences
    /// The candidate sentences of a review: four when the user liked the item, three when not.
    func reviews(feature: String, use: String, liked: Bool) -> [String]
}

/// The words drawn for one item's description.
struct DescriptionParts {
    let title: String
    let kind: String
    let features: (String, String, String)
    let use: String
    let audience: String
}

/// The sentences a description picks one opening, one middle and perhaps one closing from.
struct DescriptionSentences {
    let opening: [String]
    let middle: [String]
    let closing: [String]
}

extension SampleProse {
    /// This language's category path for the sub-category `Vocabulary.english` calls `englishPath`.
    func path(ofEnglish englishPath: String) -> String {
        vocabularies[Vocabulary.english.firstIndex { $0.path == englishPath }!].path
    }
}

/// The language the bundled sample is written in. Every language plants the same truth: the same
/// seed makes the same draws, so users, items, events and timestamps are the same, and only the
/// words differ (titles, descriptions, searches, reviews, category paths and segment names).
public enum SampleLanguage: String, CaseIterable, Sendable {
    case english = "en"
    case chinese = "zh"

    /// How the sample is written in this language.
    var prose: any SampleProse {
        switch self {
        case .english: EnglishProse()
        case .chinese: ChineseProse()
        }
    }
}

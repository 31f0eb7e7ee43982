extension Item {
    /// The text Strata encodes for an item: title, description and the last level of each category,
    /// e.g. `"Alien (1979). Categories: Horror, Sci-Fi"`.
    public var embeddingText: String {
        var text = title
        if !description.isEmpty { text += ". " + description }
        let names = categoryLevels.compactMap(\.last)
        if !names.isEmpty { text += ". Categories: " + names.joined(separator: ", ") }
        return text
    }
}

extension Item {
    /// The text Strata encodes for an item: title, description and the last level of each category,
    /// e.g. `"Alien (1979). Categories: Horror, Sci-Fi"`; an item known only by its categories gets
    /// `"Categories: …"` alone, so items that share their categories share one text.
    public var embeddingText: String {
        var parts = [String]()
        if !title.isEmpty { parts.append(title) }
        if !description.isEmpty { parts.append(description) }
        let names = categoryLevels.compactMap(\.last)
        if !names.isEmpty { parts.append("Categories: " + names.joined(separator: ", ")) }
        return parts.joined(separator: ". ")
    }
}

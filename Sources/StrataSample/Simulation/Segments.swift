/// The planted user segments: each is defined by a pair of long-term interests (sub-category paths)
/// and leans towards some attributes, so attributes carry a signal for cold start.
struct PlantedSegment: Sendable {
    let name: String
    let interests: (String, String)
    /// Relative size.
    let weight: Double
    /// Index into `ageBands` most members fall in.
    let typicalAge: Int
    /// Share of members with gender `F` (the rest split between `M` and, rarely, `X`).
    let femaleShare: Double
    /// Index into `locations` where half the members live.
    let home: Int

    static let ageBands = ["18-24", "25-34", "35-44", "45-54", "55+"]
    static let locations = ["North", "South", "East", "West", "Central", "Coast"]

    static let all: [PlantedSegment] = [
        PlantedSegment(
            name: "Sci-fi and space fans", interests: ("Books>Science Fiction", "Movies>Space Opera"),
            weight: 1.4, typicalAge: 1, femaleShare: 0.35, home: 0),
        PlantedSegment(
            name: "Home baristas and bakers", interests: ("Kitchen>Coffee", "Kitchen>Baking"),
            weight: 1.2, typicalAge: 2, femaleShare: 0.55, home: 1),
        PlantedSegment(
            name: "Hikers and campers", interests: ("Outdoors>Hiking", "Outdoors>Camping"),
            weight: 1.1, typicalAge: 2, femaleShare: 0.45, home: 5),
        PlantedSegment(
            name: "Mobile tech enthusiasts", interests: ("Electronics>Phones", "Electronics>Headphones"),
            weight: 1.1, typicalAge: 0, femaleShare: 0.40, home: 4),
        PlantedSegment(
            name: "Young families", interests: ("Toys>Building Sets", "Movies>Animation"),
            weight: 1.0, typicalAge: 2, femaleShare: 0.55, home: 1),
        PlantedSegment(
            name: "Runners and yogis", interests: ("Sports>Running", "Sports>Yoga"),
            weight: 1.0, typicalAge: 1, femaleShare: 0.55, home: 3),
        PlantedSegment(
            name: "Refined accessories", interests: ("Fashion>Watches", "Fashion>Bags"),
            weight: 0.9, typicalAge: 3, femaleShare: 0.50, home: 4),
        PlantedSegment(
            name: "Home makers", interests: ("Home>Furniture", "Home>Lighting"),
            weight: 0.9, typicalAge: 1, femaleShare: 0.55, home: 2),
        PlantedSegment(
            name: "Musicians and jazz listeners", interests: ("Music>Guitars", "Music>Jazz Records"),
            weight: 0.8, typicalAge: 3, femaleShare: 0.35, home: 2),
        PlantedSegment(
            name: "Plant parents who cook", interests: ("Garden>Houseplants", "Kitchen>Cookware"),
            weight: 0.8, typicalAge: 4, femaleShare: 0.55, home: 5),
        PlantedSegment(
            name: "Mystery and history readers", interests: ("Books>Mystery", "Books>History"),
            weight: 0.8, typicalAge: 4, femaleShare: 0.55, home: 0),
        PlantedSegment(
            name: "Skincare and fragrance", interests: ("Beauty>Skincare", "Beauty>Fragrance"),
            weight: 0.7, typicalAge: 1, femaleShare: 0.70, home: 3)
    ]
}
